// Authentication and metering on the lab server: API keys (HTTP Basic), OAuth2 client
// credentials (POST /token → Bearer token with expiry), and the per-key rate limit with the
// headers Benchling sends (x-rate-limit-*, Retry-After on 429).
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "server/Auth.h"
#include "server/RateLimiter.h"
#include "server/storage/Database.h"
#include "server/storage/DemoData.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::server::ApiKeys;
using benchtop::server::RateLimiter;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestServerAuth : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;

    QString keyId(const QString &key)
    {
        QSqlQuery query = m_lab.database().exec(u"SELECT id FROM api_keys WHERE key_hash = ?"_s,
                                                {ApiKeys::hash(key)});
        return query.next() ? query.value(0).toString() : QString();
    }

    ApiResponse requestToken(const QByteArray &form, const QByteArray &authorization = {})
    {
        ApiTestClient client(m_lab.baseUrl(), {});
        client.setAuthorization(authorization);
        return client.send("POST", u"/token"_s, form, "application/x-www-form-urlencoded");
    }

    static QByteArray basic(const QString &user, const QString &password)
    {
        return "Basic " + QByteArray(user.toUtf8() + ':' + password.toUtf8()).toBase64();
    }

    int locationCount()
    {
        QSqlQuery query =
            m_lab.database().exec(u"SELECT COUNT(*) FROM resources WHERE kind = 'location'"_s);
        return query.next() ? query.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_lab.start()); }

    void tokenFromBasicClientCredentials()
    {
        const ApiResponse token = requestToken("grant_type=client_credentials",
                                               basic(keyId(m_lab.apiKey()), m_lab.apiKey()));
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json.value(u"token_type"_s).toString(), u"Bearer"_s);
        QCOMPARE(token.json.value(u"expires_in"_s).toInt(), 900);
        const QString accessToken = token.json.value(u"access_token"_s).toString();
        QVERIFY(accessToken.size() >= 40);

        ApiTestClient client(m_lab.baseUrl(), {});
        client.setAuthorization("Bearer " + accessToken.toLatin1());
        const ApiResponse locations = client.get(u"/locations?pageSize=3"_s);
        QCOMPARE(locations.status, 200);
        QCOMPARE(locations.json.value(u"locations"_s).toArray().size(), 3);
        // The token is stored hashed, like keys: the database never holds it in clear.
        QSqlQuery stored = m_lab.database().exec(
            u"SELECT COUNT(*) FROM access_tokens WHERE token_hash = ?"_s, {accessToken});
        QVERIFY(stored.next());
        QCOMPARE(stored.value(0).toInt(), 0);
    }

    void tokenFromFormFields()
    {
        const QByteArray form =
            "grant_type=client_credentials&client_id=" + keyId(m_lab.apiKey()).toLatin1() +
            "&client_secret=" + m_lab.apiKey().toLatin1();
        const ApiResponse token = requestToken(form);
        QCOMPARE(token.status, 200);
        ApiTestClient client(m_lab.baseUrl(), {});
        client.setAuthorization("bearer " +
                                token.json.value(u"access_token"_s).toString().toLatin1());
        QCOMPARE(client.get(u"/locations?pageSize=1"_s).status, 200);
    }

    void tokenRefusals_data()
    {
        QTest::addColumn<QByteArray>("form");
        QTest::addColumn<bool>("withClient");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("no grant type")
            << QByteArray() << true << QString() << 400 << u"invalid_request"_s;
        QTest::newRow("password grant") << QByteArray("grant_type=password") << true << QString()
                                        << 400 << u"unsupported_grant_type"_s;
        QTest::newRow("no client") << QByteArray("grant_type=client_credentials") << false
                                   << QString() << 401 << u"invalid_client"_s;
        QTest::newRow("wrong secret") << QByteArray("grant_type=client_credentials") << true
                                      << u"sk_wrong"_s << 401 << u"invalid_client"_s;
    }

    void tokenRefusals()
    {
        QFETCH(QByteArray, form);
        QFETCH(bool, withClient);
        QFETCH(QString, secret);
        QFETCH(int, status);
        QFETCH(QString, type);
        QSqlQuery before = m_lab.database().exec(u"SELECT COUNT(*) FROM access_tokens"_s);
        QVERIFY(before.next());
        const ApiResponse token =
            requestToken(form, withClient ? basic(keyId(m_lab.apiKey()),
                                                  secret.isEmpty() ? m_lab.apiKey() : secret)
                                          : QByteArray());
        QCOMPARE(token.status, status);
        QCOMPARE(token.json.value(u"error"_s).toObject().value(u"type"_s).toString(), type);
        QVERIFY(!token.errorMessage().isEmpty());
        QSqlQuery after = m_lab.database().exec(u"SELECT COUNT(*) FROM access_tokens"_s);
        QVERIFY(after.next());
        QCOMPARE(after.value(0).toInt(), before.value(0).toInt());
    }

    void expiredAndRevokedTokensAreRefused()
    {
        QString error;
        const QString key = m_lab.server().apiKeys().create(
            QString::fromUtf16(benchtop::server::kDemoUserHandle), u"expiring"_s, &error);
        QVERIFY2(!key.isEmpty(), qPrintable(error));
        const ApiResponse token =
            requestToken("grant_type=client_credentials", basic(keyId(key), key));
        QCOMPARE(token.status, 200);
        const QString accessToken = token.json.value(u"access_token"_s).toString();
        ApiTestClient client(m_lab.baseUrl(), {});
        client.setAuthorization("Bearer " + accessToken.toLatin1());
        QCOMPARE(client.get(u"/locations?pageSize=1"_s).status, 200);

        m_lab.database().exec(u"UPDATE access_tokens SET expires_at = '2000-01-01T00:00:00.000Z' "
                              "WHERE key_id = ?"_s,
                              {keyId(key)});
        const ApiResponse expired = client.get(u"/locations?pageSize=1"_s);
        QCOMPARE(expired.status, 401);
        QVERIFY2(expired.errorMessage().contains(u"expired"_s), qPrintable(expired.errorMessage()));
        QVERIFY(!expired.header("WWW-Authenticate").isEmpty());

        const ApiResponse fresh =
            requestToken("grant_type=client_credentials", basic(keyId(key), key));
        client.setAuthorization("Bearer " +
                                fresh.json.value(u"access_token"_s).toString().toLatin1());
        QCOMPARE(client.get(u"/locations?pageSize=1"_s).status, 200);
        QVERIFY(m_lab.server().apiKeys().revoke(keyId(key), &error));
        const ApiResponse revoked = client.get(u"/locations?pageSize=1"_s);
        QCOMPARE(revoked.status, 401);
        // A revoked key gets no new tokens either.
        QCOMPARE(requestToken("grant_type=client_credentials", basic(keyId(key), key)).status, 401);
    }

    void badCredentialsSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("none") << QByteArray() << u"Authentication is required"_s;
        QTest::newRow("unknown key") << basic(u"sk_nosuchkey"_s, {}) << u"not valid"_s;
        QTest::newRow("not base64") << QByteArray("Basic !!!") << u"base64"_s;
        QTest::newRow("digest") << QByteArray("Digest abc") << u"Unsupported"_s;
        QTest::newRow("unknown token") << QByteArray("Bearer tok_nope") << u"not known"_s;
    }

    void badCredentialsSayWhatIsWrong()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(QString, fragment);
        ApiTestClient client(m_lab.baseUrl(), {});
        client.setAuthorization(authorization);
        const ApiResponse response = client.get(u"/locations"_s);
        QCOMPARE(response.status, 401);
        QVERIFY2(response.errorMessage().contains(fragment), qPrintable(response.errorMessage()));
    }

    void rateLimitWindows()
    {
        RateLimiter limiter(3, 10);
        QCOMPARE(limiter.take(u"a"_s, 0).remaining, 2);
        QCOMPARE(limiter.take(u"a"_s, 100).remaining, 1);
        QCOMPARE(limiter.take(u"b"_s, 100).remaining, 2); // keys are metered apart
        const auto last = limiter.take(u"a"_s, 200);
        QVERIFY(last.allowed);
        QCOMPARE(last.remaining, 0);
        const auto refused = limiter.take(u"a"_s, 9'500);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.resetSeconds, 1);
        const auto next = limiter.take(u"a"_s, 10'000); // a new window
        QVERIFY(next.allowed);
        QCOMPARE(next.remaining, 2);
        QCOMPARE(next.resetSeconds, 10);
    }

    void overBudgetGets429AndChangesNothing()
    {
        QTemporaryDir dir;
        benchtop::server::LabServerConfig config;
        config.database = dir.filePath(u"lab.sqlite"_s);
        config.rateLimit = 4;
        config.rateWindowSeconds = 60;
        benchtop::server::LabServer lab(config);
        QString error;
        QVERIFY2(lab.start(&error), qPrintable(error));
        const QString key = lab.apiKeys().create(
            QString::fromUtf16(benchtop::server::kDemoUserHandle), u"metered"_s, &error);
        const QString other = lab.apiKeys().create(
            QString::fromUtf16(benchtop::server::kDemoUserHandle), u"other"_s, &error);
        ApiTestClient client(lab.baseUrl(), key);
        for (int i = 0; i < 4; ++i) {
            const ApiResponse ok = client.get(u"/locations?pageSize=1"_s);
            QCOMPARE(ok.status, 200);
            QCOMPARE(ok.header("x-rate-limit-limit"), QByteArray("4"));
            QCOMPARE(ok.header("x-rate-limit-remaining"), QByteArray::number(3 - i));
            QVERIFY(ok.header("x-rate-limit-reset").toInt() >= 1);
        }
        QSqlQuery before =
            lab.database().exec(u"SELECT COUNT(*) FROM resources WHERE kind = 'location'"_s);
        QVERIFY(before.next());
        QSqlQuery schema =
            lab.database().exec(u"SELECT id FROM schemas WHERE kind = 'location' LIMIT 1"_s);
        QVERIFY(schema.next());
        const ApiResponse refused =
            client.post(u"/locations"_s, {{u"name"_s, u"Over budget"_s},
                                          {u"schemaId"_s, schema.value(0).toString()}});
        QCOMPARE(refused.status, 429);
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY(retryAfter >= 1 && retryAfter <= 60);
        QCOMPARE(refused.header("x-rate-limit-remaining"), QByteArray("0"));
        QVERIFY(refused.errorMessage().contains(u"Too many requests"_s));
        QSqlQuery after =
            lab.database().exec(u"SELECT COUNT(*) FROM resources WHERE kind = 'location'"_s);
        QVERIFY(after.next());
        QCOMPARE(after.value(0).toInt(), before.value(0).toInt());
        // Another key has its own budget.
        ApiTestClient second(lab.baseUrl(), other);
        QCOMPARE(second.get(u"/locations?pageSize=1"_s).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
