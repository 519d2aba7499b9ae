#include "ConnectionCheck.h"

#include "Session.h"
#include "models/api/ApiClient.h"

#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace benchtop::app {

ConnectionCheck::ConnectionCheck(QObject *parent)
    : QObject(parent)
{}

ConnectionCheck::~ConnectionCheck()
{
    delete m_reply; // before the session whose client it uses
}

void ConnectionCheck::start(const SessionOptions &options)
{
    delete m_reply;
    m_reply = nullptr;
    QString error;
    m_session = Session::open(options, &error);
    if (!m_session) {
        // Answer from the event loop, as a request would.
        QTimer::singleShot(0, this, [this, error] { finish(false, error); });
        return;
    }
    start(m_session->client());
}

void ConnectionCheck::start(models::ApiClient *client)
{
    delete m_reply;
    m_client = client;
    m_reply = client->get(u"/benchtop/session"_s, {}, this);
    connect(m_reply, &models::ApiReply::finished, this, &ConnectionCheck::onSession);
}

void ConnectionCheck::onSession()
{
    models::ApiReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    if (reply->ok()) {
        const QJsonObject user = reply->json().object().value(u"user"_s).toObject();
        finish(true,
               tr("Signed in as %1 (%2)")
                   .arg(user.value(u"name"_s).toString(), user.value(u"handle"_s).toString()));
        return;
    }
    if (reply->error().httpStatus == 404 && m_client) {
        // Not a Benchtop server (a Benchling tenant): prove the credentials another way.
        m_reply = m_client->get(u"/users"_s, QUrlQuery(u"pageSize=1"_s), this);
        connect(m_reply, &models::ApiReply::finished, this, &ConnectionCheck::onFallback);
        return;
    }
    finish(false, reply->error().displayMessage());
}

void ConnectionCheck::onFallback()
{
    models::ApiReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    if (reply->ok())
        finish(true, tr("Connected; this server does not say which user the key belongs to."));
    else
        finish(false, reply->error().displayMessage());
}

void ConnectionCheck::finish(bool ok, const QString &message)
{
    Q_EMIT finished(ok, message);
}

} // namespace benchtop::app
