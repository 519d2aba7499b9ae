// Background tasks: GET /tasks/{id} answers the spec's AsyncTask shape, an unknown id is a 404,
// and a task that was RUNNING when the server died is FAILED after a restart (its work commits
// only together with its SUCCEEDED status, so it saved nothing).
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "server/Ids.h"
#include "server/storage/Database.h"

#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestServerTasks : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;

    QString insertTask(const QString &status, const QString &response = {})
    {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString now = benchtop::server::timestampNow();
        m_lab.database().exec(
            u"INSERT INTO tasks (id, status, response, created_at, "
            "modified_at) VALUES (?, ?, ?, ?, ?)"_s,
            {id, status, response.isNull() ? QVariant() : QVariant(response), now, now});
        return id;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_lab.start()); }

    void answersTheTaskShape()
    {
        const QString id = insertTask(u"SUCCEEDED"_s, u"{\"locations\":[]}"_s);
        ApiTestClient client(m_lab.baseUrl(), m_lab.apiKey());
        const auto task = client.get(u"/tasks/"_s + id);
        QCOMPARE(task.status, 200);
        QCOMPARE(task.json.value(u"status"_s).toString(), u"SUCCEEDED"_s);
        QVERIFY(task.json.value(u"response"_s).toObject().contains(u"locations"_s));
        QVERIFY(!task.json.contains(u"message"_s));

        const auto missing = client.get(u"/tasks/00000000-0000-0000-0000-000000000000"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json.value(u"error"_s).toObject().value(u"invalidId"_s).toString(),
                 u"00000000-0000-0000-0000-000000000000"_s);
    }

    void runningTasksFailAfterARestart()
    {
        const QString interrupted = insertTask(u"RUNNING"_s);
        const QString finished = insertTask(u"SUCCEEDED"_s, u"{}"_s);
        m_lab.stop();
        QVERIFY(m_lab.start());
        ApiTestClient client(m_lab.baseUrl(), m_lab.apiKey());
        const auto task = client.get(u"/tasks/"_s + interrupted);
        QCOMPARE(task.json.value(u"status"_s).toString(), u"FAILED"_s);
        QVERIFY2(task.json.value(u"message"_s).toString().contains(u"stopped"_s),
                 qPrintable(task.json.value(u"message"_s).toString()));
        QCOMPARE(client.get(u"/tasks/"_s + finished).json.value(u"status"_s).toString(),
                 u"SUCCEEDED"_s);
    }
};

QTEST_GUILESS_MAIN(TestServerTasks)
#include "tst_server_tasks.moc"
