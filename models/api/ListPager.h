// Walks a Benchling list endpoint page by page with `nextToken`, one page per fetchNext().
#pragma once

#include "ApiClient.h"

#include <QJsonArray>

namespace benchtop::models {

class ListPager : public QObject
{
    Q_OBJECT
public:
    // `listKey` is the array's name in the page ("locations" for /locations).
    ListPager(ApiClient *client, QString path, QString listKey, QUrlQuery query,
              QObject *parent = nullptr);

    bool hasMore() const { return !m_exhausted; }
    bool isLoading() const { return m_reply != nullptr; }
    int pagesFetched() const { return m_pages; }

    // Requests the next page; does nothing while one is loading or when none are left.
    void fetchNext();
    void cancel();

Q_SIGNALS:
    void pageReady(const QJsonArray &items);
    void failed(const benchtop::models::ApiError &error);

private:
    void onFinished();

    ApiClient *m_client;
    QString m_path;
    QString m_listKey;
    QUrlQuery m_query;
    QString m_nextToken;
    ApiReply *m_reply = nullptr;
    int m_pages = 0;
    bool m_exhausted = false;
};

} // namespace benchtop::models
