// A slow request must not hold up the others: requests run on worker threads, and readers do
// not wait for writers. The test makes a write slow for real — another connection holds the
// database's write lock — and checks that reads are answered meanwhile, and that the write
// lands once the lock is released.
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "server/storage/Database.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestServerSlowRequest : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_lab.start()); }

    void readsAreAnsweredWhileAWriteWaits()
    {
        if (m_lab.database().isPostgres())
            QSKIP("holds SQLite's write lock from a second connection");
        // A second connection, as another process would have, takes the write lock.
        QSqlDatabase blocker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"blocker"_s);
        blocker.setDatabaseName(m_lab.databasePath());
        QVERIFY(blocker.open());
        {
            QSqlQuery lock(blocker);
            QVERIFY(lock.exec(u"BEGIN IMMEDIATE"_s));

            QSqlQuery schema =
                m_lab.database().exec(u"SELECT id FROM schemas WHERE kind = 'location' LIMIT 1"_s);
            QVERIFY(schema.next());
            QNetworkAccessManager network;
            QNetworkRequest request(QUrl(m_lab.baseUrl().toString() + u"/api/v2/locations"_s));
            request.setRawHeader("Authorization",
                                 "Basic " + QByteArray(m_lab.apiKey().toUtf8() + ':').toBase64());
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            QNetworkReply *write = network.post(
                request, QJsonDocument(QJsonObject{{u"name"_s, u"Written late"_s},
                                                   {u"schemaId"_s, schema.value(0).toString()}})
                             .toJson());
            QSignalSpy written(write, &QNetworkReply::finished);

            // While the write waits for the lock, reads come and go.
            ApiTestClient reader(m_lab.baseUrl(), m_lab.apiKey());
            for (int i = 0; i < 5; ++i) {
                QElapsedTimer timer;
                timer.start();
                QCOMPARE(reader.get(u"/locations?pageSize=5"_s).status, 200);
                QVERIFY2(timer.elapsed() < 2000, "a read waited for the blocked write");
            }
            QCOMPARE(written.count(), 0); // still waiting: the lock is held

            QVERIFY(lock.exec(u"ROLLBACK"_s));
            QVERIFY(written.wait(15'000));
            QCOMPARE(write->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            write->deleteLater();
        }
        blocker.close();
        blocker = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"blocker"_s);
        ApiTestClient client(m_lab.baseUrl(), m_lab.apiKey());
        const auto found = client.get(u"/locations?name=Written%20late"_s);
        QCOMPARE(found.json.value(u"locations"_s).toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerSlowRequest)
#include "tst_server_slowrequest.moc"
