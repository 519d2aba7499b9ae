// Blobs on the lab server: single-part and multi-part uploads with their MD5 checks, downloads
// (with a key, and by a signed URL without one), bulk get, and every refusal changing nothing.
#include "ApiTestClient.h"
#include "NotebookTestSupport.h"
#include "TestLabServer.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

QString md5(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());
}

QJsonObject createBody(const QByteArray &data, const QString &name = u"data.bin"_s)
{
    return {{u"name"_s, name},
            {u"type"_s, u"RAW_FILE"_s},
            {u"mimeType"_s, u"application/x-test"_s},
            {u"data64"_s, QString::fromLatin1(data.toBase64())},
            {u"md5"_s, md5(data)}};
}

// The API-relative path of an absolute URL on the server ("/blobs/...?...").
QString apiPath(const QString &url)
{
    return url.mid(url.indexOf(u"/api/v2"_s) + 7);
}

} // namespace

class TestServerBlobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<ApiTestClient>(m_server.baseUrl(), m_server.apiKey());
    }

    void singlePartRoundTrip()
    {
        const QByteArray data = randomBytes(200'000, 1);
        const ApiResponse created = m_client->post(u"/blobs"_s, createBody(data, u"ünï.bin"_s));
        QCOMPARE(created.status, 200);
        const QString id = created.json.value(u"id"_s).toString();
        QCOMPARE(id.size(), 36); // a UUID
        QCOMPARE(created.json.value(u"name"_s).toString(), u"ünï.bin"_s);
        QCOMPARE(created.json.value(u"type"_s).toString(), u"RAW_FILE"_s);
        QCOMPARE(created.json.value(u"mimeType"_s).toString(), u"application/x-test"_s);
        QCOMPARE(created.json.value(u"uploadStatus"_s).toString(), u"COMPLETE"_s);

        const ApiResponse got = m_client->get(u"/blobs/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json, created.json);

        const ApiResponse download = m_client->get(u"/blobs/%1/download"_s.arg(id));
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body, data);
        QCOMPARE(download.header("content-type"), "application/x-test");

        // Default MIME type.
        QJsonObject body = createBody("hello");
        body.remove(u"mimeType"_s);
        QCOMPARE(body.value(u"md5"_s).toString(), u"5d41402abc4b2a76b9719d911017c592"_s);
        const ApiResponse plain = m_client->post(u"/blobs"_s, body);
        QCOMPARE(plain.status, 200);
        QCOMPARE(plain.json.value(u"mimeType"_s).toString(), u"application/octet-stream"_s);

        const ApiResponse bulk = m_client->get(
            u"/blobs:bulk-get?blobIds=%1,%2"_s.arg(id, plain.json.value(u"id"_s).toString()));
        QCOMPARE(bulk.status, 200);
        QCOMPARE(bulk.json.value(u"blobs"_s).toArray().size(), 2);
        const ApiResponse bulkMissing = m_client->get(u"/blobs:bulk-get?blobIds=%1,nope"_s.arg(id));
        QCOMPARE(bulkMissing.status, 400);
        QVERIFY(bulkMissing.errorMessage().contains(u"nope"_s));
        QCOMPARE(m_client->get(u"/blobs:bulk-get"_s).status, 400);
    }

    void downloadNeedsKeyOrSignedUrl()
    {
        const QByteArray data = randomBytes(1000, 2);
        const QString id =
            m_client->post(u"/blobs"_s, createBody(data)).json.value(u"id"_s).toString();
        ApiTestClient anonymous(m_server.baseUrl(), {});
        QCOMPARE(anonymous.get(u"/blobs/%1/download"_s.arg(id)).status, 401);
        QCOMPARE(anonymous.get(u"/blobs/%1"_s.arg(id)).status, 401);

        const ApiResponse url = m_client->get(u"/blobs/%1/download-url"_s.arg(id));
        QCOMPARE(url.status, 200);
        const QString downloadUrl = url.json.value(u"downloadURL"_s).toString();
        QVERIFY(downloadUrl.startsWith(m_server.baseUrl().toString()));
        QVERIFY(url.json.value(u"expiresAt"_s).toInteger() > QDateTime::currentSecsSinceEpoch());
        const ApiResponse viaUrl = anonymous.get(apiPath(downloadUrl));
        QCOMPARE(viaUrl.status, 200);
        QCOMPARE(viaUrl.body, data);

        QString tampered = apiPath(downloadUrl);
        tampered[tampered.size() - 1] = tampered.back() == u'0' ? u'1' : u'0';
        QCOMPARE(anonymous.get(tampered).status, 403);
        // A signature for one blob does not open another.
        const QString other =
            m_client->post(u"/blobs"_s, createBody("x")).json.value(u"id"_s).toString();
        QCOMPARE(anonymous.get(QString(apiPath(downloadUrl)).replace(id, other)).status, 403);
    }

    void createRefusalsChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("messagePart");
        const QJsonObject good = createBody("hello");
        const auto with = [&good](const QString &key, const QJsonValue &value) {
            QJsonObject body = good;
            if (value.isUndefined())
                body.remove(key);
            else
                body.insert(key, value);
            return QJsonDocument(body).toJson(QJsonDocument::Compact);
        };
        QTest::newRow("malformed") << QByteArray("{\"name\": ") << u"not valid JSON"_s;
        QTest::newRow("md5 mismatch") << with(u"md5"_s, md5("hellO")) << u"does not match"_s;
        QTest::newRow("md5 of base64") << with(u"md5"_s, md5("aGVsbG8=")) << u"does not match"_s;
        QTest::newRow("bad base64") << with(u"data64"_s, u"!!!"_s) << u"base64"_s;
        QTest::newRow("missing md5") << with(u"md5"_s, QJsonValue::Undefined) << u"'md5'"_s;
        QTest::newRow("missing name") << with(u"name"_s, QJsonValue::Undefined) << u"'name'"_s;
        QTest::newRow("bad type") << with(u"type"_s, u"IMAGE"_s) << u"RAW_FILE"_s;
        QTest::newRow("wrong type") << with(u"name"_s, 5) << u"must be a string"_s;
        QTest::newRow("unknown field") << with(u"size"_s, 5) << u"'size'"_s;
        QTest::newRow("long mime")
            << with(u"mimeType"_s, QString(101, u'a')) << u"100 characters"_s;
    }
    void createRefusalsChangeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, messagePart);
        const QString before = benchtop::test::notebookFingerprint(m_server.database());
        const ApiResponse response = m_client->send("POST", u"/blobs"_s, body);
        QCOMPARE(response.status, 400);
        QVERIFY2(response.errorMessage().contains(messagePart),
                 qPrintable(response.errorMessage()));
        QCOMPARE(response.json.value(u"error"_s).toObject().value(u"type"_s).toString(),
                 u"invalid_request_error"_s);
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);
    }

    void unknownBlobs()
    {
        QCOMPARE(m_client->get(u"/blobs/nope"_s).status, 404);
        QCOMPARE(m_client->get(u"/blobs/nope"_s)
                     .json.value(u"error"_s)
                     .toObject()
                     .value(u"invalidId"_s)
                     .toString(),
                 u"nope"_s);
        QCOMPARE(m_client->get(u"/blobs/nope/download"_s).status, 404);
        QCOMPARE(m_client->get(u"/blobs/nope/download-url"_s).status, 404);
        const QString before = benchtop::test::notebookFingerprint(m_server.database());
        QCOMPARE(m_client
                     ->post(u"/blobs/nope/parts"_s,
                            {{u"partNumber"_s, 1}, {u"data64"_s, u""_s}, {u"md5"_s, md5({})}})
                     .status,
                 404);
        QCOMPARE(m_client->post(u"/blobs/nope:complete-upload"_s, {}).status, 404);
        QCOMPARE(m_client->post(u"/blobs/nope:abort-upload"_s, {}).status, 404);
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);
    }

    void multipartRoundTrip()
    {
        const QByteArray first = randomBytes(5 * 1024 * 1024, 3);
        const QByteArray second = randomBytes(1536 * 1024 + 7, 4);
        const ApiResponse started =
            m_client->post(u"/blobs:start-multipart-upload"_s,
                           {{u"name"_s, u"big.bin"_s}, {u"type"_s, u"RAW_FILE"_s}});
        QCOMPARE(started.status, 200);
        QCOMPARE(started.json.value(u"uploadStatus"_s).toString(), u"IN_PROGRESS"_s);
        QCOMPARE(started.json.value(u"mimeType"_s).toString(), u"application/octet-stream"_s);
        const QString id = started.json.value(u"id"_s).toString();
        // Not downloadable yet.
        QCOMPARE(m_client->get(u"/blobs/%1/download"_s.arg(id)).status, 400);
        QCOMPARE(m_client->get(u"/blobs/%1/download-url"_s.arg(id)).status, 400);

        const auto part = [&](int number, const QByteArray &data, const QString &hash) {
            return m_client->post(u"/blobs/%1/parts"_s.arg(id),
                                  {{u"partNumber"_s, number},
                                   {u"data64"_s, QString::fromLatin1(data.toBase64())},
                                   {u"md5"_s, hash}});
        };
        // The second part first: order is by number, not arrival.
        const ApiResponse two = part(7, second, md5(second));
        QCOMPARE(two.status, 200);
        QCOMPARE(two.json.value(u"partNumber"_s).toInt(), 7);
        QCOMPARE(two.json.value(u"eTag"_s).toString(), QString(u'"' + md5(second) + u'"'));

        QString before = benchtop::test::notebookFingerprint(m_server.database());
        const ApiResponse damaged = part(2, first, md5(second));
        QCOMPARE(damaged.status, 400);
        QVERIFY(damaged.errorMessage().contains(u"does not match"_s));
        QCOMPARE(part(0, second, md5(second)).status, 400);
        QCOMPARE(part(10001, second, md5(second)).status, 400);
        QCOMPARE(m_client
                     ->post(u"/blobs/%1/parts"_s.arg(id),
                            {{u"partNumber"_s, u"2"_s}, {u"data64"_s, u""_s}, {u"md5"_s, md5({})}})
                     .status,
                 400);
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);

        const ApiResponse one = part(2, first, md5(first).toUpper());
        QCOMPARE(one.status, 200);
        const QJsonObject partOne{{u"partNumber"_s, 2}, {u"eTag"_s, one.json.value(u"eTag"_s)}};
        const QJsonObject partTwo{{u"partNumber"_s, 7}, {u"eTag"_s, two.json.value(u"eTag"_s)}};

        // Refusals of complete-upload, each leaving the upload as it was.
        before = benchtop::test::notebookFingerprint(m_server.database());
        const auto complete = [&](const QJsonArray &parts) {
            return m_client->post(u"/blobs/%1:complete-upload"_s.arg(id), {{u"parts"_s, parts}});
        };
        const ApiResponse missing =
            complete({partOne, QJsonObject{{u"partNumber"_s, 8}, {u"eTag"_s, u"\"x\""_s}}});
        QCOMPARE(missing.status, 400);
        QVERIFY(missing.errorMessage().contains(u"never uploaded"_s));
        QCOMPARE(complete({partTwo, partOne}).status, 400); // not ascending
        const ApiResponse wrongTag =
            complete({partOne, QJsonObject{{u"partNumber"_s, 7}, {u"eTag"_s, md5("x")}}});
        QCOMPARE(wrongTag.status, 400);
        QVERIFY(wrongTag.errorMessage().contains(u"eTag"_s));
        QCOMPARE(complete({}).status, 400);
        QCOMPARE(complete({partOne, QJsonObject{{u"partNumber"_s, 7}}}).status, 400);
        QCOMPARE(m_client->send("POST", u"/blobs/%1:complete-upload"_s.arg(id), "[").status, 400);
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);

        const ApiResponse completed = complete({partOne, partTwo});
        QCOMPARE(completed.status, 200);
        QCOMPARE(completed.json.value(u"uploadStatus"_s).toString(), u"COMPLETE"_s);
        const ApiResponse download = m_client->get(u"/blobs/%1/download"_s.arg(id));
        QCOMPARE(download.status, 200);
        QCOMPARE(download.body.size(), first.size() + second.size());
        QVERIFY(download.body == first + second);
        // The parts are gone; the blob cannot be completed, extended or aborted again.
        QCOMPARE(benchtop::test::tableFingerprint(
                     m_server.database(),
                     u"SELECT COUNT(*) FROM blob_parts WHERE blob_id = '%1'"_s.arg(id)),
                 u"0"_s);
        QCOMPARE(complete({partOne, partTwo}).status, 400);
        QCOMPARE(part(9, second, md5(second)).status, 400);
        QCOMPARE(m_client->post(u"/blobs/%1:abort-upload"_s.arg(id), {}).status, 400);
    }

    void smallPartsAndAbort()
    {
        const QString id =
            m_client
                ->post(u"/blobs:start-multipart-upload"_s,
                       {{u"name"_s, u"small.bin"_s}, {u"type"_s, u"VISUALIZATION"_s}})
                .json.value(u"id"_s)
                .toString();
        QJsonArray parts;
        for (int number = 1; number <= 2; ++number) {
            const QByteArray data = randomBytes(1000, quint32(number));
            const ApiResponse part = m_client->post(
                u"/blobs/%1/parts"_s.arg(id), {{u"partNumber"_s, number},
                                               {u"data64"_s, QString::fromLatin1(data.toBase64())},
                                               {u"md5"_s, md5(data)}});
            QCOMPARE(part.status, 200);
            parts.append(
                QJsonObject{{u"partNumber"_s, number}, {u"eTag"_s, part.json.value(u"eTag"_s)}});
        }
        const QString before = benchtop::test::notebookFingerprint(m_server.database());
        const ApiResponse tooSmall =
            m_client->post(u"/blobs/%1:complete-upload"_s.arg(id), {{u"parts"_s, parts}});
        QCOMPARE(tooSmall.status, 400);
        QVERIFY(tooSmall.errorMessage().contains(u"5 MiB"_s));
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);
        // A single small part is fine (it is the last).
        const ApiResponse aborted = m_client->post(u"/blobs/%1:abort-upload"_s.arg(id), {});
        QCOMPARE(aborted.status, 200);
        QCOMPARE(aborted.json, QJsonObject());
        QCOMPARE(m_client->get(u"/blobs/"_s + id).json.value(u"uploadStatus"_s).toString(),
                 u"ABORTED"_s);
        QCOMPARE(
            m_client->post(u"/blobs/%1:complete-upload"_s.arg(id), {{u"parts"_s, parts}}).status,
            400);

        const QString single = m_client
                                   ->post(u"/blobs:start-multipart-upload"_s,
                                          {{u"name"_s, u"one.bin"_s}, {u"type"_s, u"RAW_FILE"_s}})
                                   .json.value(u"id"_s)
                                   .toString();
        const QByteArray data = randomBytes(10, 9);
        const ApiResponse part = m_client->post(
            u"/blobs/%1/parts"_s.arg(single), {{u"partNumber"_s, 1},
                                               {u"data64"_s, QString::fromLatin1(data.toBase64())},
                                               {u"md5"_s, md5(data)}});
        const ApiResponse done = m_client->post(
            u"/blobs/%1:complete-upload"_s.arg(single),
            {{u"parts"_s, QJsonArray{QJsonObject{{u"partNumber"_s, 1},
                                                 {u"eTag"_s, part.json.value(u"eTag"_s)}}}}});
        QCOMPARE(done.status, 200);
        QCOMPARE(m_client->get(u"/blobs/%1/download"_s.arg(single)).body, data);

        const QString startBefore = benchtop::test::notebookFingerprint(m_server.database());
        QCOMPARE(m_client->post(u"/blobs:start-multipart-upload"_s, {{u"name"_s, u"x"_s}}).status,
                 400);
        QCOMPARE(m_client
                     ->post(u"/blobs:start-multipart-upload"_s,
                            {{u"name"_s, u"x"_s}, {u"type"_s, u"RAW_FILE"_s}, {u"md5"_s, u""_s}})
                     .status,
                 400);
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), startBefore);
    }

private:
    TestLabServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
};

QTEST_GUILESS_MAIN(TestServerBlobs)
#include "tst_server_blobs.moc"
