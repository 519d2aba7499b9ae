// Authentication through the real API client against a real lab server: an API key as HTTP
// Basic, and OAuth2 client credentials whose token is fetched once, reused, renewed before it
// expires and once after the server refused it, and whose failures end without loops.
#include "models/api/ApiClient.h"
#include "models/api/Credentials.h"
#include "server/LabServer.h"
#include "server/storage/DemoData.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace benchtop;

namespace {

struct Lab
{
    QTemporaryDir dir;
    std::unique_ptr<server::LabServer> server;
    QString key;
    QString keyId;

    bool start(int tokenLifetimeSeconds)
    {
        server::LabServerConfig config;
        config.database = dir.filePath(u"lab.sqlite"_s);
        config.tokenLifetimeSeconds = tokenLifetimeSeconds;
        server = std::make_unique<server::LabServer>(config);
        QString error;
        if (!server->start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        key = server->apiKeys().create(QString::fromUtf16(server::kDemoUserHandle),
                                       u"credentials-test"_s, &error);
        for (const server::ApiKeyInfo &info : server->apiKeys().list()) {
            if (info.name == u"credentials-test"_s)
                keyId = info.id;
        }
        return !key.isEmpty() && keyId.startsWith(u"key_"_s);
    }
};

bool waitFor(models::ApiReply *reply)
{
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &models::ApiReply::finished);
        if (!spy.wait(10'000))
            return false;
    }
    return true;
}

QString handleOf(models::ApiReply *reply)
{
    return reply->json().object()[u"user"_s][u"handle"_s].toString();
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void apiKeyIsBasicUserName()
    {
        Lab lab;
        QVERIFY(lab.start(900));
        models::ApiClient client({lab.server->baseUrl(), lab.key});
        models::ApiReply *reply = client.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(reply));
        QVERIFY2(reply->ok(), qPrintable(reply->error().displayMessage()));
        QCOMPARE(handleOf(reply), u"demo"_s);
        QCOMPARE(reply->json().object()[u"user"_s][u"name"_s].toString(), u"Demo Scientist"_s);
        QCOMPARE(reply->json().object()[u"server"_s][u"name"_s].toString(), u"benchtop-server"_s);

        // A wrong key is refused once: an API key cannot be renewed, so no second attempt.
        models::ApiClient wrong({lab.server->baseUrl(), u"not-a-key"_s});
        models::ApiReply *refused = wrong.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->error().kind, models::ApiError::Kind::Api);
        QCOMPARE(refused->error().httpStatus, 401);
        QVERIFY2(refused->error().message.contains(u"API key is not valid"_s),
                 qPrintable(refused->error().message));
        QCOMPARE(refused->attempts(), 1);
    }

    void tokenFetchedOnceAndReused()
    {
        Lab lab;
        QVERIFY(lab.start(900));
        models::ApiClient client({lab.server->baseUrl(), QString()});
        auto *oauth = new models::OAuthCredentials(lab.server->baseUrl(), lab.keyId, lab.key);
        client.setCredentials(oauth);
        QVERIFY(!oauth->isReady());

        // Three requests at once wait for one token.
        QList<models::ApiReply *> replies;
        for (int i = 0; i < 3; ++i)
            replies.append(client.get(u"/benchtop/session"_s));
        for (models::ApiReply *reply : replies) {
            QVERIFY(waitFor(reply));
            QVERIFY2(reply->ok(), qPrintable(reply->error().displayMessage()));
            QCOMPARE(handleOf(reply), u"demo"_s);
            QCOMPARE(reply->attempts(), 1);
        }
        QCOMPARE(oauth->tokenRequests(), 1);
        QVERIFY(oauth->isReady());
        QVERIFY(oauth->authorization().startsWith("Bearer tok_"));

        models::ApiReply *later = client.get(u"/locations"_s, QUrlQuery(u"pageSize=2"_s));
        QVERIFY(waitFor(later));
        QVERIFY(later->ok());
        QCOMPARE(later->json().object()[u"locations"_s].toArray().size(), 2);
        QCOMPARE(oauth->tokenRequests(), 1);
    }

    void tokenRenewedBeforeItExpires()
    {
        Lab lab;
        QVERIFY(lab.start(1)); // the server's tokens live one second
        models::ApiClient client({lab.server->baseUrl(), QString()});
        auto *oauth = new models::OAuthCredentials(lab.server->baseUrl(), lab.keyId, lab.key);
        client.setCredentials(oauth);
        models::ApiReply *first = client.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(first));
        QVERIFY(first->ok());
        const QByteArray firstToken = oauth->authorization();
        QCOMPARE(oauth->tokenRequests(), 1);

        // At 80% of its lifetime the token counts as stale, before the server would refuse it.
        QTRY_VERIFY_WITH_TIMEOUT(!oauth->isReady(), 5'000);
        models::ApiReply *second = client.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(second));
        QVERIFY2(second->ok(), qPrintable(second->error().displayMessage()));
        QCOMPARE(second->attempts(), 1); // no 401 on the way
        QCOMPARE(oauth->tokenRequests(), 2);
        QVERIFY(oauth->authorization() != firstToken);
    }

    void expiredTokenIsRenewedExactlyOnce()
    {
        Lab lab;
        QVERIFY(lab.start(900));
        models::ApiClient client({lab.server->baseUrl(), QString()});
        auto *oauth = new models::OAuthCredentials(lab.server->baseUrl(), lab.keyId, lab.key);
        client.setCredentials(oauth);
        models::ApiReply *first = client.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(first));
        QVERIFY(first->ok());
        QCOMPARE(oauth->tokenRequests(), 1);

        // The server expires the token while the client still believes it fresh.
        lab.server->database().exec(u"UPDATE access_tokens SET expires_at = ?"_s,
                                    {u"2000-01-01T00:00:00.000Z"_s});
        QVERIFY(oauth->isReady());
        QList<models::ApiReply *> replies;
        for (int i = 0; i < 3; ++i)
            replies.append(client.get(u"/benchtop/session"_s));
        for (models::ApiReply *reply : replies) {
            QVERIFY(waitFor(reply));
            QVERIFY2(reply->ok(), qPrintable(reply->error().displayMessage()));
            QCOMPARE(reply->attempts(), 2); // refused once, then sent with the new token
        }
        QCOMPARE(oauth->tokenRequests(), 2);
    }

    void wrongSecretFailsWithoutLoops()
    {
        Lab lab;
        QVERIFY(lab.start(900));
        models::ApiClient client({lab.server->baseUrl(), QString()});
        auto *oauth =
            new models::OAuthCredentials(lab.server->baseUrl(), lab.keyId, u"wrong-secret"_s);
        client.setCredentials(oauth);
        const quint64 served = lab.server->requestsServed();
        QList<models::ApiReply *> replies;
        for (int i = 0; i < 2; ++i)
            replies.append(client.get(u"/benchtop/session"_s));
        for (models::ApiReply *reply : replies) {
            QVERIFY(waitFor(reply));
            QCOMPARE(reply->error().kind, models::ApiError::Kind::Api);
            QCOMPARE(reply->error().httpStatus, 401);
            QCOMPARE(reply->error().type, u"invalid_client"_s);
            QVERIFY2(reply->error().message.contains(u"do not match a live API client"_s),
                     qPrintable(reply->error().message));
            QCOMPARE(reply->attempts(), 0); // never sent without a token
        }
        QCOMPARE(oauth->tokenRequests(), 1);
        // Only the token request reached the server (counted once it has answered).
        QTRY_COMPARE(lab.server->requestsServed(), served + 1);
        QVERIFY(oauth->authorization().isEmpty());
    }

    void revokedClientEndsAfterOneRenewal()
    {
        Lab lab;
        QVERIFY(lab.start(900));
        models::ApiClient client({lab.server->baseUrl(), QString()});
        auto *oauth = new models::OAuthCredentials(lab.server->baseUrl(), lab.keyId, lab.key);
        client.setCredentials(oauth);
        models::ApiReply *first = client.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(first));
        QVERIFY(first->ok());

        QString error;
        QVERIFY2(lab.server->apiKeys().revoke(lab.keyId, &error), qPrintable(error));
        models::ApiReply *reply = client.get(u"/benchtop/session"_s);
        QVERIFY(waitFor(reply));
        // The token was refused, one new token was asked for and refused: the end.
        QCOMPARE(reply->error().httpStatus, 401);
        QCOMPARE(reply->error().type, u"invalid_client"_s);
        QCOMPARE(reply->attempts(), 1);
        QCOMPARE(oauth->tokenRequests(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
