#include "ListPager.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace benchtop::models {

ListPager::ListPager(ApiClient *client, QString path, QString listKey, QUrlQuery query,
                     QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_path(std::move(path))
    , m_listKey(std::move(listKey))
    , m_query(std::move(query))
{}

void ListPager::fetchNext()
{
    if (m_reply || !hasMore())
        return;
    QUrlQuery query = m_query;
    if (!m_nextToken.isEmpty())
        query.addQueryItem(u"nextToken"_s, m_nextToken);
    m_reply = m_client->get(m_path, query, this);
    connect(m_reply, &ApiReply::finished, this, &ListPager::onFinished);
}

void ListPager::cancel()
{
    delete m_reply;
    m_reply = nullptr;
    if (m_cancelled)
        return;
    m_cancelled = true;
    Q_EMIT cancelled();
}

void ListPager::onFinished()
{
    // deleteLater, not delete: a listener may delete this pager (and so the reply, its child)
    // while we emit.
    ApiReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();
    if (!reply->ok()) {
        Q_EMIT failed(reply->error());
        return;
    }
    const QJsonObject page = reply->json().object();
    if (!page.value(m_listKey).isArray()) {
        ApiError error;
        error.kind = ApiError::Kind::Parse;
        error.message = u"the page has no \"%1\" list"_s.arg(m_listKey);
        Q_EMIT failed(error);
        return;
    }
    ++m_pages;
    m_rows += int(page.value(m_listKey).toArray().size());
    m_nextToken = page.value(u"nextToken"_s).toString();
    // Benchling ends a listing with an empty (or absent) nextToken.
    m_exhausted = m_nextToken.isEmpty();
    Q_EMIT pageReady(page.value(m_listKey).toArray());
}

} // namespace benchtop::models
