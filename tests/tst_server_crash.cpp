// Crash safety of benchtop-server: the real executable on a SQLite file is SIGKILLed while a
// client streams writes at it with several requests in flight, then restarted on the same file.
// Whatever the server acknowledged (a 2xx reached the client) must be there afterwards, exactly
// as acknowledged, and the file must be intact. Writes in flight at the kill may or may not have
// landed, but if one did it must be whole (the name it sent, on the location it named).
//
// The seed of each run is printed; BENCHTOP_CRASH_SEED=<n> replays a run.
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// What the client knows about one location: its acknowledged state, and the name of a rename
// that was in flight when the server died (it may or may not have landed).
struct Expected
{
    QString name;
    QString barcode;
    QString parentId;
    QString schemaId;
    QString modifiedAt;
    std::optional<QString> unacknowledgedName;
};

// A create that was in flight at the kill: if its barcode exists afterwards, it must be this.
struct PendingCreate
{
    QString name;
    QString barcode;
    QString parentId;
};

struct InFlight
{
    bool create = false;
    QString id; // rename target
    QJsonObject sent;
};

} // namespace

class TestServerCrash : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_key;
    QString m_schemaId;
    QStringList m_parents; // seeded locations new ones go under
    QHash<QString, Expected> m_expected;
    QList<PendingCreate> m_pendingCreates;
    QRandomGenerator m_random;
    int m_serial = 0;

    QString dbPath() const { return m_dir.filePath(u"lab.sqlite"_s); }

    QByteArray authorization() const
    {
        return "Basic " + QByteArray(m_key.toUtf8() + ':').toBase64();
    }

    // Starts benchtop-server on the file and returns its base URL ("" on failure).
    QUrl startServer(QProcess &process)
    {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(BENCHTOP_SERVER_EXE),
                      {u"--db"_s, u"sqlite:"_s + dbPath(), u"--listen"_s, u"127.0.0.1:0"_s});
        if (!process.waitForStarted(10'000))
            return {};
        QByteArray banner;
        QElapsedTimer timer;
        timer.start();
        while (!banner.contains('\n') && timer.elapsed() < 15'000) {
            if (process.state() != QProcess::Running)
                break;
            process.waitForReadyRead(200);
            banner += process.readAllStandardOutput();
        }
        const auto match =
            QRegularExpression(u"(http://\\S+)/api/v2"_s).match(QString::fromUtf8(banner));
        if (!match.hasMatch()) {
            qWarning() << "no banner:" << banner << process.readAllStandardError();
            return {};
        }
        return QUrl(match.captured(1));
    }

    QNetworkReply *send(QNetworkAccessManager &network, const QUrl &base, const QByteArray &method,
                        const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(base.toString() + u"/api/v2"_s + path));
        request.setRawHeader("Authorization", authorization());
        if (method == "GET")
            return network.get(request);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        return network.sendCustomRequest(request, method,
                                         QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    // A blocking GET for the checks.
    QJsonObject getJson(const QUrl &base, const QString &path, int *status)
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = send(network, base, "GET", path);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(30'000);
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return json;
    }

    // PRAGMA integrity_check and foreign_key_check straight on the file (server not running),
    // and every row's JSON column must parse: a torn write would show in one of these.
    QString checkFile()
    {
        const QString name = u"crash-check-%1"_s.arg(++m_serial);
        QString problem;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(dbPath());
            if (!db.open())
                return u"cannot open the file: "_s + db.lastError().text();
            QSqlQuery query(db);
            if (!query.exec(u"PRAGMA integrity_check"_s) || !query.next())
                problem = u"integrity_check did not run: "_s + query.lastError().text();
            else if (const QString result = query.value(0).toString(); result != u"ok"_s)
                problem = u"integrity_check: "_s + result;
            if (problem.isEmpty() && query.exec(u"PRAGMA foreign_key_check"_s) && query.next())
                problem = u"foreign_key_check: a row of %1 names a missing %2"_s.arg(
                    query.value(0).toString(), query.value(2).toString());
            if (problem.isEmpty() && query.exec(u"SELECT id, data FROM resources"_s)) {
                while (query.next()) {
                    if (!QJsonDocument::fromJson(query.value(1).toByteArray()).isObject()) {
                        problem = u"resource %1 has torn data: %2"_s.arg(query.value(0).toString(),
                                                                         query.value(1).toString());
                        break;
                    }
                }
            }
            // In-flight creates: whatever landed must be whole.
            for (const PendingCreate &pending : std::as_const(m_pendingCreates)) {
                if (!problem.isEmpty())
                    break;
                query.prepare(u"SELECT id, name, parent_id FROM resources WHERE barcode = ?"_s);
                query.addBindValue(pending.barcode);
                if (!query.exec())
                    problem = query.lastError().text();
                else if (query.next()) {
                    if (query.value(1).toString() != pending.name ||
                        query.value(2).toString() != pending.parentId) {
                        problem = u"unacknowledged create %1 landed torn: %2 under %3"_s.arg(
                            pending.barcode, query.value(1).toString(), query.value(2).toString());
                    } else {
                        // It landed: from now on it is a location like any other.
                        m_expected.insert(
                            query.value(0).toString(),
                            {pending.name, pending.barcode, pending.parentId, m_schemaId, {}, {}});
                    }
                }
            }
            m_pendingCreates.clear();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return problem;
    }

    // Every acknowledged write, read back through the API of the restarted server.
    QString checkAcknowledged(const QUrl &base)
    {
        const QStringList ids = m_expected.keys();
        for (qsizetype start = 0; start < ids.size(); start += 100) {
            const QStringList chunk = ids.mid(start, 100);
            int status = 0;
            const QJsonObject json =
                getJson(base, u"/locations:bulk-get?locationIds="_s + chunk.join(u','), &status);
            if (status != 200)
                return u"bulk-get answered %1: %2"_s.arg(status).arg(
                    QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
            QHash<QString, QJsonObject> found;
            for (const QJsonValue &item : json.value(u"locations"_s).toArray())
                found.insert(item[u"id"_s].toString(), item.toObject());
            for (const QString &id : chunk) {
                Expected &expected = m_expected[id];
                if (!found.contains(id))
                    return u"acknowledged location %1 (%2) is gone"_s.arg(id, expected.name);
                const QJsonObject actual = found.value(id);
                const QString name = actual[u"name"_s].toString();
                const bool acknowledged = name == expected.name;
                const bool lateRename = expected.unacknowledgedName == name;
                if (!acknowledged && !lateRename) {
                    return u"location %1 is named \"%2\", but the last acknowledged name was "
                           "\"%3\""_s.arg(id, name, expected.name);
                }
                if (acknowledged && !expected.modifiedAt.isEmpty() &&
                    actual[u"modifiedAt"_s].toString() != expected.modifiedAt) {
                    return u"location %1 has modifiedAt %2, acknowledged %3"_s.arg(
                        id, actual[u"modifiedAt"_s].toString(), expected.modifiedAt);
                }
                if (actual[u"barcode"_s].toString() != expected.barcode ||
                    actual[u"parentStorageId"_s].toString() != expected.parentId ||
                    actual[u"schema"_s][u"id"_s].toString() != expected.schemaId) {
                    return u"location %1 changed: %2"_s.arg(
                        id, QString::fromUtf8(QJsonDocument(actual).toJson()));
                }
                // What is there now is the truth the next round builds on.
                expected.name = name;
                expected.modifiedAt = actual[u"modifiedAt"_s].toString();
                expected.unacknowledgedName.reset();
            }
        }
        return {};
    }

    // Streams creates and renames at the server with `parallel` requests in flight and SIGKILLs
    // it when `killAfter` writes have been acknowledged. Returns the acknowledged count.
    int streamAndKill(QProcess &server, const QUrl &base, int killAfter, int parallel,
                      QString *error)
    {
        QNetworkAccessManager network;
        QHash<QNetworkReply *, InFlight> inFlight;
        QSet<QString> busy; // ids with a rename in flight: one write per location at a time
        int acknowledged = 0;
        bool killed = false;

        const auto issue = [&] {
            InFlight write;
            QStringList idle;
            if (m_random.bounded(2) == 0) {
                for (auto it = m_expected.cbegin(); it != m_expected.cend(); ++it)
                    if (!busy.contains(it.key()))
                        idle.append(it.key());
            }
            const int n = ++m_serial;
            if (idle.isEmpty()) {
                write.create = true;
                write.sent = {
                    {u"name"_s, u"crash %1"_s.arg(n)},
                    {u"schemaId"_s, m_schemaId},
                    {u"barcode"_s, u"CRASH-%1-%2"_s.arg(m_random.generate()).arg(n)},
                    {u"parentStorageId"_s, m_parents.at(m_random.bounded(int(m_parents.size())))}};
                inFlight.insert(send(network, base, "POST", u"/locations"_s, write.sent), write);
            } else {
                write.id = idle.at(m_random.bounded(int(idle.size())));
                write.sent = {{u"name"_s, u"renamed %1"_s.arg(n)}};
                busy.insert(write.id);
                inFlight.insert(
                    send(network, base, "PATCH", u"/locations/"_s + write.id, write.sent), write);
            }
        };

        QObject::connect(
            &network, &QNetworkAccessManager::finished, this, [&](QNetworkReply *reply) {
                reply->deleteLater();
                const InFlight write = inFlight.take(reply);
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
                if (status >= 200 && status < 300) {
                    ++acknowledged;
                    const QString id = json[u"id"_s].toString();
                    if (write.create) {
                        m_expected.insert(id, {json[u"name"_s].toString(),
                                               json[u"barcode"_s].toString(),
                                               json[u"parentStorageId"_s].toString(),
                                               json[u"schema"_s][u"id"_s].toString(),
                                               json[u"modifiedAt"_s].toString(),
                                               {}});
                    } else {
                        Expected &expected = m_expected[write.id];
                        expected.name = json[u"name"_s].toString();
                        expected.modifiedAt = json[u"modifiedAt"_s].toString();
                        busy.remove(write.id);
                    }
                    if (json[u"name"_s] != write.sent[u"name"_s] && error->isEmpty())
                        *error = u"the server acknowledged %1 with %2"_s.arg(
                            QString::fromUtf8(QJsonDocument(write.sent).toJson()),
                            QString::fromUtf8(QJsonDocument(json).toJson()));
                } else if (!killed) {
                    if (error->isEmpty())
                        *error = u"a valid write was refused before the kill "
                                 "(%1): %2"_s.arg(status)
                                     .arg(reply->errorString());
                } else if (write.create) {
                    m_pendingCreates.append({write.sent[u"name"_s].toString(),
                                             write.sent[u"barcode"_s].toString(),
                                             write.sent[u"parentStorageId"_s].toString()});
                } else {
                    m_expected[write.id].unacknowledgedName = write.sent[u"name"_s].toString();
                }
                if (killed || !error->isEmpty())
                    return;
                if (acknowledged >= killAfter) {
                    // Mid-stream: the other requests are still in flight.
                    server.kill();
                    killed = true;
                    return;
                }
                issue();
            });
        for (int i = 0; i < parallel; ++i)
            issue();
        QElapsedTimer timer;
        timer.start();
        while (!inFlight.isEmpty() && timer.elapsed() < 60'000)
            QTest::qWait(5);
        if (!inFlight.isEmpty() && error->isEmpty())
            *error = u"%1 requests never finished"_s.arg(inFlight.size());
        if (!killed)
            server.kill();
        server.waitForFinished(10'000);
        return acknowledged;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        bool fixed = false;
        const quint32 seed = qEnvironmentVariableIntValue("BENCHTOP_CRASH_SEED", &fixed);
        const quint32 used = fixed ? seed : QRandomGenerator::system()->generate();
        m_random.seed(used);
        qInfo("BENCHTOP_CRASH_SEED=%u", used);

        QProcess create;
        create.start(
            QStringLiteral(BENCHTOP_SERVER_EXE),
            {u"--db"_s, u"sqlite:"_s + dbPath(), u"--seed-demo"_s, u"--create-key"_s, u"crash"_s});
        QVERIFY(create.waitForFinished(30'000));
        QCOMPARE(create.exitCode(), 0);
        m_key = QString::fromLatin1(create.readAllStandardOutput()).trimmed();
        QVERIFY2(m_key.startsWith(u"sk_"_s), qPrintable(m_key));

        QProcess server;
        const QUrl base = startServer(server);
        QVERIFY(base.isValid());
        int status = 0;
        const QJsonObject listed = getJson(base, u"/locations?pageSize=100"_s, &status);
        server.kill();
        server.waitForFinished(10'000);
        QCOMPARE(status, 200);
        for (const QJsonValue &item : listed[u"locations"_s].toArray()) {
            const QString id = item[u"id"_s].toString();
            m_parents.append(id);
            // The seeded locations are renamed too: their state is known from the listing.
            m_expected.insert(id, {item[u"name"_s].toString(),
                                   item[u"barcode"_s].toString(),
                                   item[u"parentStorageId"_s].toString(),
                                   item[u"schema"_s][u"id"_s].toString(),
                                   item[u"modifiedAt"_s].toString(),
                                   {}});
            if (m_schemaId.isEmpty())
                m_schemaId = item[u"schema"_s][u"id"_s].toString();
        }
        QVERIFY(m_parents.size() >= 10);
        QVERIFY(!m_schemaId.isEmpty());
    }

    void acknowledgedWritesSurviveSigkill_data()
    {
        QTest::addColumn<int>("parallel");
        QTest::newRow("round 1, 4 in flight") << 4;
        QTest::newRow("round 2, 6 in flight") << 6;
        QTest::newRow("round 3, 8 in flight") << 8;
        QTest::newRow("round 4, 6 in flight") << 6;
        QTest::newRow("round 5, 2 in flight") << 2;
    }

    // The rounds run on one file, so each also checks that the acknowledged writes of every
    // earlier round outlived the later kills.
    void acknowledgedWritesSurviveSigkill()
    {
        QFETCH(int, parallel);
        const int killAfter = 20 + m_random.bounded(280);
        QProcess server;
        const QUrl base = startServer(server);
        QVERIFY(base.isValid());
        QString error;
        const int acknowledged = streamAndKill(server, base, killAfter, parallel, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(acknowledged >= killAfter); // answers already on their way also count
        QCOMPARE(server.exitStatus(), QProcess::CrashExit); // it really was killed

        const QString damage = checkFile();
        QVERIFY2(damage.isEmpty(), qPrintable(damage));

        QProcess restarted;
        const QUrl again = startServer(restarted);
        QVERIFY(again.isValid());
        const QString lost = checkAcknowledged(again);
        restarted.kill();
        restarted.waitForFinished(10'000);
        QVERIFY2(lost.isEmpty(), qPrintable(lost));
        qInfo("killed after %d acknowledged writes; %lld locations checked", killAfter,
              qint64(m_expected.size()));
    }

    // A bulk task (POST /containers:bulk-create, 202 + task) killed before, during or after its
    // work must leave all of its items or none, and after a restart the task must not be left
    // RUNNING: the server marks interrupted tasks FAILED at start-up, and a task's items commit
    // together with its SUCCEEDED status.
    void bulkTaskKilledMidway_data()
    {
        QTest::addColumn<int>("minDelay");
        QTest::addColumn<int>("maxDelay");
        QTest::newRow("kill at once") << 0 << 1;
        QTest::newRow("kill within 30 ms") << 1 << 30;
        QTest::newRow("kill within 30-150 ms") << 30 << 150;
        QTest::newRow("kill within 150-600 ms") << 150 << 600;
    }
    void bulkTaskKilledMidway()
    {
        QFETCH(int, minDelay);
        QFETCH(int, maxDelay);
        QProcess server;
        const QUrl base = startServer(server);
        QVERIFY(base.isValid());
        int status = 0;
        const QString tubeSchema =
            getJson(base, u"/container-schemas"_s, &status)[u"containerSchemas"_s][0][u"id"_s]
                .toString();
        QCOMPARE(status, 200);
        QVERIFY(!tubeSchema.isEmpty());
        const QString prefix = u"BULK-%1-"_s.arg(m_random.generate());
        QJsonArray items;
        for (int i = 0; i < 500; ++i) {
            items.append(QJsonObject{{u"name"_s, u"bulk tube %1"_s.arg(i)},
                                     {u"schemaId"_s, tubeSchema},
                                     {u"barcode"_s, QString(prefix + QString::number(i))},
                                     {u"parentStorageId"_s, m_parents.first()}});
        }
        QNetworkAccessManager network;
        QNetworkReply *reply =
            send(network, base, "POST", u"/containers:bulk-create"_s, {{u"containers"_s, items}});
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(30'000));
        status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString taskId =
            QJsonDocument::fromJson(reply->readAll()).object()[u"taskId"_s].toString();
        reply->deleteLater();
        QCOMPARE(status, 202);
        QVERIFY(!taskId.isEmpty());
        QTest::qWait(minDelay + m_random.bounded(maxDelay - minDelay));
        server.kill();
        QVERIFY(server.waitForFinished(10'000));
        const QString damage = checkFile();
        QVERIFY2(damage.isEmpty(), qPrintable(damage));
        const QString name = u"crash-bulk-check"_s;
        int landed = -1;
        QString statusInFile;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.prepare(u"SELECT COUNT(*) FROM resources WHERE barcode LIKE ?"_s));
            query.addBindValue(QString(prefix + u'%'));
            QVERIFY(query.exec());
            QVERIFY(query.next());
            landed = query.value(0).toInt();
            QVERIFY(query.prepare(u"SELECT status FROM tasks WHERE id = ?"_s));
            query.addBindValue(taskId);
            QVERIFY(query.exec());
            if (query.next())
                statusInFile = query.value(0).toString();
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        QVERIFY2(landed == 0 || landed == int(items.size()),
                 qPrintable(u"%1 of %2 bulk items landed"_s.arg(landed).arg(items.size())));

        // After a restart the task has an outcome that matches what landed.
        QProcess restarted;
        const QUrl again = startServer(restarted);
        QVERIFY(again.isValid());
        const QJsonObject task = getJson(again, u"/tasks/"_s + taskId, &status);
        const QJsonObject listed =
            getJson(again, u"/containers?pageSize=1&barcodes="_s + prefix + u'0', &status);
        restarted.kill();
        restarted.waitForFinished(10'000);
        const QString outcome = task[u"status"_s].toString();
        QVERIFY2(outcome == (landed == 0 ? u"FAILED"_s : u"SUCCEEDED"_s),
                 qPrintable(u"task %1 is %2 after the restart (%3 before it) with %4 items "
                            "landed"_s.arg(taskId, outcome, statusInFile)
                                .arg(landed)));
        if (landed == 0)
            QVERIFY(!task[u"message"_s].toString().isEmpty());
        qInfo("killed %s into the task: %d of %lld items landed; the task was %s in the file and "
              "is %s after the restart",
              qPrintable(QString::number(minDelay) + u"+ ms"_s), landed, qlonglong(items.size()),
              qPrintable(statusInFile), qPrintable(outcome));
    }
};

QTEST_GUILESS_MAIN(TestServerCrash)
#include "tst_server_crash.moc"
