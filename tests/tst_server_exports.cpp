// POST /exports on the lab server: an entry rendered to PDF by a background task, stored as a
// blob and downloaded by the task's signed URL; refusals (unknown id, non-entry, html, unknown
// fields) answer 400/404 and start no task.
#include "ApiTestClient.h"
#include "NotebookTestSupport.h"
#include "TestLabServer.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestServerExports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<ApiTestClient>(m_server.baseUrl(), m_server.apiKey());
        const ApiResponse list = m_client->get(u"/entries?pageSize=50"_s);
        QCOMPARE(list.status, 200);
        for (const QJsonValue &entry : list.json.value(u"entries"_s).toArray()) {
            if (entry.toObject().value(u"name"_s).toString() == u"Miniprep of pUC19 clones"_s)
                m_entry = entry.toObject();
        }
        QVERIFY(!m_entry.isEmpty());
    }

    void exportsAnEntryAsPdf()
    {
        const ApiResponse started =
            m_client->post(u"/exports"_s, {{u"id"_s, m_entry.value(u"id"_s)}});
        QCOMPARE(started.status, 202);
        QVERIFY(!started.taskId().isEmpty());
        const QJsonObject task = m_client->waitForTask(started.taskId());
        QCOMPARE(task.value(u"status"_s).toString(), u"SUCCEEDED"_s);
        const QJsonObject response = task.value(u"response"_s).toObject();
        QCOMPARE(response.keys(), QStringList{u"downloadURL"_s}); // ExportsAsyncTask's shape
        const QString url = response.value(u"downloadURL"_s).toString();
        QVERIFY2(url.contains(u"/api/v2/blobs/"_s), qPrintable(url));

        // The signed URL works without a key.
        ApiTestClient anonymous(m_server.baseUrl(), QString());
        const ApiResponse pdf = anonymous.send("GET", url.mid(url.indexOf(u"/api/v2"_s) + 7));
        QCOMPARE(pdf.status, 200);
        QCOMPARE(pdf.header("content-type"), QByteArray("application/pdf"));
        QVERIFY(pdf.body.startsWith("%PDF-1."));
        QVERIFY(pdf.body.trimmed().endsWith("%%EOF"));
        const QRegularExpression count(u"/Type /Pages /Kids \\[[^\\]]*\\] /Count (\\d+)"_s);
        const auto match = count.match(QString::fromLatin1(pdf.body));
        QVERIFY(match.hasMatch());
        QVERIFY(match.captured(1).toInt() >= 1);
        // The text of the entry is in it: its name, a table cell and a checklist item.
        QVERIFY(pdf.body.contains("(Miniprep of pUC19 clones) Tj"));
        QVERIFY(pdf.body.contains("312.4"));
        QVERIFY(pdf.body.contains("[x] Pellet cells"));

        // The blob is an ordinary completed blob named after the entry's display id.
        const QString blobId = url.section(u"/blobs/"_s, 1).section(u'/', 0, 0);
        const ApiResponse blob = m_client->get(u"/blobs/"_s + blobId);
        QCOMPARE(blob.status, 200);
        QCOMPARE(blob.json.value(u"uploadStatus"_s).toString(), u"COMPLETE"_s);
        QCOMPARE(blob.json.value(u"mimeType"_s).toString(), u"application/pdf"_s);
        QCOMPARE(blob.json.value(u"name"_s).toString(),
                 QString(m_entry.value(u"displayId"_s).toString() + u".pdf"_s));
    }

    void longEntriesSpanPages()
    {
        QJsonArray notes;
        for (int i = 0; i < 150; ++i)
            notes.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u"Line %1"_s.arg(i)}});
        const QString id = m_entry.value(u"id"_s).toString();
        const ApiResponse written = m_client->send(
            "PUT", u"/entries/%1/days"_s.arg(id),
            QJsonDocument(
                QJsonObject{{u"days"_s, QJsonArray{QJsonObject{{u"date"_s, u"2026-01-05"_s},
                                                               {u"notes"_s, notes}}}}})
                .toJson());
        QCOMPARE(written.status, 200);
        const ApiResponse started = m_client->post(u"/exports"_s, {{u"id"_s, id}});
        QCOMPARE(started.status, 202);
        const QJsonObject task = m_client->waitForTask(started.taskId());
        QCOMPARE(task.value(u"status"_s).toString(), u"SUCCEEDED"_s);
        const QString url = task.value(u"response"_s).toObject().value(u"downloadURL"_s).toString();
        const ApiResponse pdf = m_client->send("GET", url.mid(url.indexOf(u"/api/v2"_s) + 7));
        QCOMPARE(pdf.status, 200);
        const QRegularExpression count(u"/Count (\\d+)"_s);
        QVERIFY(count.match(QString::fromLatin1(pdf.body)).captured(1).toInt() >= 3);
        QVERIFY(pdf.body.contains("(Line 149) Tj"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown entry")
            << QByteArray(R"({"id":"etr_nothere"})") << 404 << u"No entry has the id etr_nothere"_s;
        QTest::newRow("not an entry")
            << QByteArray(R"({"id":"seq_abc"})") << 404 << u"only entries can be exported"_s;
        QTest::newRow("html") << QByteArray(R"({"id":"etr_x","format":"html"})") << 400
                              << u"\"html\" exports are not supported"_s;
        QTest::newRow("unknown field")
            << QByteArray(R"({"id":"etr_x","zip":true})") << 400 << u"zip"_s;
        QTest::newRow("no id") << QByteArray(R"({"format":"pdf"})") << 400 << u"id"_s;
    }

    void refusals()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const QString before = benchtop::test::notebookFingerprint(m_server.database());
        const ApiResponse answer = m_client->send("POST", u"/exports"_s, body);
        QCOMPARE(answer.status, status);
        QVERIFY2(answer.errorMessage().contains(message), qPrintable(answer.errorMessage()));
        QVERIFY(answer.taskId().isEmpty());
        QCOMPARE(benchtop::test::notebookFingerprint(m_server.database()), before);
    }

private:
    TestLabServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
    QJsonObject m_entry;
};

QTEST_GUILESS_MAIN(TestServerExports)
#include "tst_server_exports.moc"
