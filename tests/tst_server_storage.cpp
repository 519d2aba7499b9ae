// The storage layer behaves the same on both back ends (this suite runs on SQLite and, as
// tst_server_storage_postgres, on PostgreSQL): sort order and keyset paging, savepoints after a
// failed statement, and what a transaction reports about an SQL error inside it.
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "server/Ids.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestServerStorage : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;

    bool insertLocation(const QString &id, const QString &name, const QString &barcode = {})
    {
        const QString now = benchtop::server::timestampNow();
        return !m_lab.database()
                    .exec(u"INSERT INTO resources (kind, id, name, name_folded, barcode, "
                          "created_at, modified_at) VALUES ('location', ?, ?, ?, ?, ?, ?)"_s,
                          {id, name, name.toCaseFolded(),
                           barcode.isNull() ? QVariant(QMetaType::fromType<QString>())
                                            : QVariant(barcode),
                           now, now})
                    .lastError()
                    .isValid();
    }
    int countIds(const QString &pattern)
    {
        QSqlQuery query =
            m_lab.database().exec(u"SELECT COUNT(*) FROM resources WHERE id LIKE ?"_s, {pattern});
        return query.next() ? query.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        qInfo("Back end: %s", qPrintable(m_lab.backendName()));
    }

    void namesSortAndPageInCodePointOrder_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::newRow("name") << u"name"_s;
        QTest::newRow("name:desc") << u"name:desc"_s;
        QTest::newRow("barcode") << u"barcode"_s;
    }
    void namesSortAndPageInCodePointOrder()
    {
        // Case, punctuation and accents: a locale collation (PostgreSQL's ICU "en-US" in the
        // test databases) orders these differently from code point order.
        QFETCH(QString, sort);
        const QStringList names{
            u"a"_s,   u"B"_s,       u"_c"_s,       u"Z 1"_s,    u"z 1"_s, u"\u00e9t\u00e9"_s,
            u"e 2"_s, u"Rack 10"_s, u"Rack 1-A"_s, u"rack 1b"_s};
        QStringList ids;
        QVERIFY(m_lab.database().transaction([&] {
            for (int i = 0; i < names.size(); ++i) {
                ids.append(u"loc_sort%1"_s.arg(i));
                if (!insertLocation(ids.last(), names[i], u"SORT-"_s + names[i]))
                    return false;
            }
            return true;
        }));
        ApiTestClient client(m_lab.baseUrl(), m_lab.apiKey());
        QStringList seen;
        QString token;
        int pages = 0;
        do {
            const auto page = client.get(u"/locations?pageSize=3&sort=%1&ids=%2%3"_s.arg(
                sort, ids.join(u','),
                token.isEmpty() ? QString() : QString(u"&nextToken="_s + token)));
            QCOMPARE(page.status, 200);
            const QString field = sort.startsWith(u"barcode"_s) ? u"barcode"_s : u"name"_s;
            for (const QJsonValue &location : page.json[u"locations"_s].toArray())
                seen.append(location[field].toString());
            token = page.json[u"nextToken"_s].toString();
        } while (!token.isEmpty() && ++pages < 20);
        m_lab.database().exec(u"DELETE FROM resources WHERE id LIKE 'loc_sort%'"_s);

        QStringList expected = names;
        if (sort.startsWith(u"barcode"_s)) {
            for (QString &name : expected)
                name.prepend(u"SORT-"_s);
        }
        std::sort(expected.begin(), expected.end()); // UTF-16 order = code point order here
        if (sort.endsWith(u":desc"_s))
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(seen, expected);
    }

    void failedStatementInSavepointLeavesTheOuterTransactionUsable()
    {
        auto &db = m_lab.database();
        bool innerCommitted = true;
        const bool committed = db.transaction([&] {
            if (!insertLocation(u"loc_outer001"_s, u"outer 1"_s))
                return false;
            innerCommitted = db.transaction([&] {
                insertLocation(u"loc_inner001"_s, u"inner"_s);
                // The same id again: a PRIMARY KEY violation, which on PostgreSQL aborts the
                // transaction until the savepoint is rolled back.
                return insertLocation(u"loc_outer001"_s, u"duplicate"_s);
            });
            return insertLocation(u"loc_outer002"_s, u"outer 2"_s);
        });
        QVERIFY(!innerCommitted);
        QVERIFY(committed);
        QCOMPARE(countIds(u"loc_outer%"_s), 2);
        QCOMPARE(countIds(u"loc_inner%"_s), 0);
        m_lab.database().exec(u"DELETE FROM resources WHERE id LIKE 'loc_outer%'"_s);
    }

    void aTransactionReportsWhatItSaved()
    {
        // Work that ignores a failed statement and asks to commit: SQLite keeps the rest,
        // PostgreSQL has aborted the whole transaction. Either way the answer must match what
        // is stored, so that the server never answers 2xx for work that was lost.
        auto &db = m_lab.database();
        const bool committed = db.transaction([&] {
            insertLocation(u"loc_kept0001"_s, u"kept"_s);
            db.exec(u"INSERT INTO no_such_table VALUES (1)"_s);
            insertLocation(u"loc_kept0002"_s, u"kept too"_s);
            return true;
        });
        QCOMPARE(countIds(u"loc_kept%"_s), committed ? 2 : 0);
        QCOMPARE(committed, !m_lab.usesPostgres());
        m_lab.database().exec(u"DELETE FROM resources WHERE id LIKE 'loc_kept%'"_s);
        // The connection is usable afterwards.
        QVERIFY(db.transaction([&] { return insertLocation(u"loc_after001"_s, u"after"_s); }));
        QCOMPARE(countIds(u"loc_after%"_s), 1);
        m_lab.database().exec(u"DELETE FROM resources WHERE id LIKE 'loc_after%'"_s);
    }

    void uniqueViolationsAreRecognised()
    {
        QVERIFY(insertLocation(u"loc_uniq0001"_s, u"first"_s, u"UNIQ-1"_s));
        QSqlQuery duplicate = m_lab.database().exec(
            u"INSERT INTO resources (kind, id, name, barcode, created_at, modified_at) VALUES "
            "('location', 'loc_uniq0002', 'second', 'UNIQ-1', 'x', 'x')"_s);
        QVERIFY(duplicate.lastError().isValid());
        QVERIFY2(benchtop::server::Database::isUniqueViolation(duplicate),
                 qPrintable(duplicate.lastError().text()));
        QCOMPARE(countIds(u"loc_uniq%"_s), 1);
        m_lab.database().exec(u"DELETE FROM resources WHERE id LIKE 'loc_uniq%'"_s);
    }

    void refusedRequestChangesNothing()
    {
        // Over HTTP: a create that names a taken barcode is a 400 and leaves no row behind.
        ApiTestClient client(m_lab.baseUrl(), m_lab.apiKey());
        const auto listed = client.get(u"/locations?pageSize=1"_s);
        QCOMPARE(listed.status, 200);
        const QJsonObject first = listed.json[u"locations"_s][0].toObject();
        const auto refused =
            client.post(u"/locations"_s, {{u"name"_s, u"Taken barcode"_s},
                                          {u"schemaId"_s, first[u"schema"_s][u"id"_s].toString()},
                                          {u"barcode"_s, first[u"barcode"_s].toString()}});
        QCOMPARE(refused.status, 400);
        QVERIFY2(refused.errorMessage().contains(first[u"barcode"_s].toString()),
                 qPrintable(refused.errorMessage()));
        QCOMPARE(
            client.get(u"/locations?name=Taken%20barcode"_s).json[u"locations"_s].toArray().size(),
            0);
        // The next write on the same worker connections still works.
        const auto created =
            client.post(u"/locations"_s, {{u"name"_s, u"Fresh barcode"_s},
                                          {u"schemaId"_s, first[u"schema"_s][u"id"_s].toString()},
                                          {u"barcode"_s, u"FRESH-0001"_s}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json[u"barcode"_s].toString(), u"FRESH-0001"_s);
    }
};

QTEST_GUILESS_MAIN(TestServerStorage)
#include "tst_server_storage.moc"
