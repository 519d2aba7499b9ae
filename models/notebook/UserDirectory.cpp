#include "UserDirectory.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::models {

UserDirectory::UserDirectory(ApiClient *client, QObject *parent)
    : QStandardItemModel(parent)
    , m_client(client)
{}

void UserDirectory::ensureLoaded()
{
    if (m_state == LoadState::Loading || m_state == LoadState::Loaded)
        return;
    m_state = LoadState::Loading;
    removeRows(0, rowCount());
    fetch({});
}

void UserDirectory::fetch(const QString &token)
{
    QUrlQuery query(u"pageSize=100"_s);
    if (!token.isEmpty())
        query.addQueryItem(u"nextToken"_s, token);
    m_reply = m_client->get(u"/users"_s, query, this);
    ApiReply *reply = m_reply;
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!reply->ok()) {
            m_state = LoadState::Failed;
            m_error = reply->error().displayMessage();
            Q_EMIT loadFailed(m_error);
            return;
        }
        const QJsonObject page = reply->json().object();
        for (const QJsonValue &value : page.value(u"users"_s).toArray()) {
            const QJsonObject user = value.toObject();
            auto *item = new QStandardItem(user.value(u"name"_s).toString());
            item->setEditable(false);
            item->setData(user.value(u"id"_s).toString(), IdRole);
            item->setData(user, ResourceRole);
            appendRow(item);
        }
        const QString next = page.value(u"nextToken"_s).toString();
        if (!next.isEmpty()) {
            fetch(next);
            return;
        }
        m_state = LoadState::Loaded;
        Q_EMIT loaded();
    });
}

} // namespace benchtop::models
