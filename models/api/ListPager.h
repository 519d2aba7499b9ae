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

    // False once the last page came, or after cancel().
    bool hasMore() const { return !m_exhausted && !m_cancelled; }
    bool isLoading() const { return m_reply != nullptr; }
    bool isCancelled() const { return m_cancelled; }
    int pagesFetched() const { return m_pages; }
    int rowsFetched() const { return m_rows; }

    // Requests the next page; does nothing while one is loading or when none are left.
    void fetchNext();
    // Stops the paging for good: the page in flight is dropped (its request aborted) and no
    // more are fetched; emits cancelled().
    void cancel();

Q_SIGNALS:
    void pageReady(const QJsonArray &items);
    void failed(const benchtop::models::ApiError &error);
    void cancelled();

private:
    void onFinished();

    ApiClient *m_client;
    QString m_path;
    QString m_listKey;
    QUrlQuery m_query;
    QString m_nextToken;
    ApiReply *m_reply = nullptr;
    int m_pages = 0;
    int m_rows = 0;
    bool m_exhausted = false;
    bool m_cancelled = false;
};

} // namespace benchtop::models
