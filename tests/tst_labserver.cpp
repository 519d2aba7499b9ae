// The lab server over real HTTP, checked with a plain QNetworkAccessManager (not our client), so
// what is asserted is the wire format a Benchling client sees.
#include "TestLabServer.h"
#include "server/Ids.h"
#include "server/storage/Database.h"
#include "server/storage/Migrations.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::TestLabServer;

namespace {

struct Response
{
    int status = 0;
    QJsonObject json;
    QNetworkReply::RawHeaderPair header;
    QByteArray contentType;
    QByteArray wwwAuthenticate;
    QByteArray allow;
};

} // namespace

class TestLabServerHttp : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    QNetworkAccessManager m_network;

    Response request(const QByteArray &verb, const QString &pathAndQuery, const QString &key)
    {
        QNetworkRequest req(QUrl(m_lab.baseUrl().toString() + pathAndQuery));
        if (!key.isNull())
            req.setRawHeader("Authorization", "Basic " + QByteArray(key.toUtf8() + ':').toBase64());
        QNetworkReply *reply = m_network.sendCustomRequest(req, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10'000))
            return {};
        Response response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.json = QJsonDocument::fromJson(reply->readAll()).object();
        response.contentType = reply->rawHeader("Content-Type");
        response.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
        response.allow = reply->rawHeader("Allow");
        reply->deleteLater();
        return response;
    }
    Response get(const QString &pathAndQuery)
    {
        return request("GET", pathAndQuery, m_lab.apiKey());
    }

    // Every location a listing returns, following nextToken to the end.
    QStringList walk(const QString &query, int *pages = nullptr, const QString &field = u"name"_s)
    {
        QStringList names;
        QString token;
        int count = 0;
        do {
            QString url = u"/api/v2/locations?"_s + query;
            if (!token.isEmpty())
                url += u"&nextToken="_s + token;
            const Response page = get(url);
            if (page.status != 200)
                return {u"HTTP %1"_s.arg(page.status)};
            for (const QJsonValue &location : page.json.value(u"locations"_s).toArray())
                names.append(location[field].toString());
            token = page.json.value(u"nextToken"_s).toString();
            ++count;
        } while (!token.isEmpty() && count < 100);
        if (pages)
            *pages = count;
        return names;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_lab.start()); }

    void requiresAuthentication_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("no header") << QString();
        QTest::newRow("unknown key") << u"sk_notARealKey"_s;
        QTest::newRow("empty key") << u""_s;
    }
    void requiresAuthentication()
    {
        QFETCH(QString, key);
        const Response response = request("GET", u"/api/v2/locations"_s, key);
        QCOMPARE(response.status, 401);
        QVERIFY(response.contentType.startsWith("application/json"));
        QCOMPARE(response.wwwAuthenticate, QByteArray("Basic realm=\"Benchling\""));
        const QJsonObject error = response.json.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"type"_s).toString(), u"invalid_request_error"_s);
        QVERIFY(error.value(u"message"_s).toString().contains(u"API key"_s));
    }

    void revokedKeyIsRefused()
    {
        QString error;
        const QString key = m_lab.server().apiKeys().create(u"demo"_s, u"short-lived"_s, &error);
        QVERIFY2(!key.isEmpty(), qPrintable(error));
        QCOMPARE(request("GET", u"/api/v2/locations"_s, key).status, 200);
        QVERIFY(m_lab.server().apiKeys().revoke(u"short-lived"_s, &error));
        QCOMPARE(request("GET", u"/api/v2/locations"_s, key).status, 401);
        // Keys are stored hashed: the database never holds the key itself.
        QSqlQuery rows = m_lab.database().exec(u"SELECT key_hash FROM api_keys"_s);
        while (rows.next())
            QVERIFY(rows.value(0).toString() != key);
    }

    void listsSeededLocations()
    {
        const Response response = get(u"/api/v2/locations"_s);
        QCOMPARE(response.status, 200);
        const QJsonArray locations = response.json.value(u"locations"_s).toArray();
        // Two freezers (5x4 and 3x3 racks), their shelves, and a cold room: 2+5+20+3+9+1.
        QCOMPARE(locations.size(), 40);
        QCOMPARE(response.json.value(u"nextToken"_s).toString(), QString());
        const QJsonObject first = locations.first().toObject();
        for (const QString &field :
             {u"id"_s, u"name"_s, u"barcode"_s, u"parentStorageId"_s, u"schema"_s, u"fields"_s,
              u"archiveRecord"_s, u"createdAt"_s, u"modifiedAt"_s, u"creator"_s, u"webURL"_s,
              u"totalCapacity"_s})
            QVERIFY2(first.contains(field), qPrintable(field));
        QVERIFY(first.value(u"id"_s).toString().startsWith(u"loc_"_s));
        QCOMPARE(first.value(u"creator"_s)[u"handle"_s].toString(), u"demo"_s);
    }

    void pagesCoverEverythingOnce()
    {
        int pages = 0;
        const QStringList paged = walk(u"pageSize=7&sort=name"_s, &pages);
        QCOMPARE(pages, 6); // 40 rows, 7 a page
        QCOMPARE(paged.size(), 40);
        const QStringList whole = walk(u"pageSize=100&sort=name"_s);
        QCOMPARE(paged, whole);
        QStringList sorted = whole;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(whole, sorted);
        // Encoded as clients send it (":" as %3A).
        QStringList descending = walk(u"pageSize=9&sort=name%3Adesc"_s);
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(descending, whole);
    }

    void pagingIsStableWhenRowsArrive()
    {
        const Response first = get(u"/api/v2/locations?pageSize=10&sort=name"_s);
        const QString token = first.json.value(u"nextToken"_s).toString();
        QVERIFY(!token.isEmpty());
        // A location that sorts before everything appears between two pages; it must not shift
        // the second page (offset paging would repeat a row here).
        const QString now = benchtop::server::timestampNow();
        QVERIFY(!m_lab.database()
                     .exec(u"INSERT INTO resources (kind, id, name, created_at, modified_at) VALUES "
                           "('location', 'loc_early001', '0 early', ?, ?)"_s,
                           {now, now})
                     .lastError()
                     .isValid());
        const Response second =
            get(u"/api/v2/locations?pageSize=10&sort=name&nextToken="_s + token);
        QCOMPARE(second.status, 200);
        const QString lastOfFirst = first.json[u"locations"_s][9][u"name"_s].toString();
        const QString firstOfSecond = second.json[u"locations"_s][0][u"name"_s].toString();
        QVERIFY2(lastOfFirst < firstOfSecond, qPrintable(lastOfFirst + u" / "_s + firstOfSecond));
        m_lab.database().exec(u"DELETE FROM resources WHERE id = 'loc_early001'"_s);
    }

    void pagingThroughTiesAndMissingBarcodes_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::newRow("modifiedAt (default, desc)") << QString();
        QTest::newRow("barcode asc") << u"barcode"_s;
        QTest::newRow("barcode desc") << u"barcode:desc"_s;
        QTest::newRow("createdAt asc") << u"createdAt:asc"_s;
    }
    void pagingThroughTiesAndMissingBarcodes()
    {
        // Seven rows with one timestamp and no barcode: the sort value ties everywhere, so only
        // the id tiebreak keeps pages apart.
        QFETCH(QString, sort);
        QVERIFY(m_lab.database().transaction([&] {
            for (int i = 0; i < 7; ++i) {
                m_lab.database().exec(u"INSERT INTO resources (kind, id, name, created_at, modified_at) "
                                      "VALUES ('location', ?, ?, '2030-01-01T00:00:00.000Z', "
                                      "'2030-01-01T00:00:00.000Z')"_s,
                                      {u"loc_tie%1"_s.arg(i), u"Tie %1"_s.arg(i)});
            }
            return true;
        }));
        const QString query = u"pageSize=3"_s + (sort.isEmpty() ? QString() : u"&sort="_s + sort);
        const QStringList paged = walk(query, nullptr, u"id"_s);
        m_lab.database().exec(u"DELETE FROM resources WHERE id LIKE 'loc_tie%'"_s);
        QCOMPARE(paged.size(), 47);
        QCOMPARE(QSet<QString>(paged.begin(), paged.end()).size(), 47); // no repeats, no gaps
    }

    void filters()
    {
        const QJsonArray freezers =
            get(u"/api/v2/locations?nameIncludes=freezer"_s).json[u"locations"_s].toArray();
        QCOMPARE(freezers.size(), 2);
        const QString f1 = get(u"/api/v2/locations?name=Freezer%20F1%20(%E2%88%9280%20%C2%B0C)"_s)
                               .json[u"locations"_s][0][u"id"_s]
                               .toString();
        QVERIFY(f1.startsWith(u"loc_"_s));
        // All 5 shelves and 20 racks below F1, at any depth.
        QCOMPARE(walk(u"ancestorStorageId="_s + f1).size(), 25);
        QCOMPARE(walk(u"barcodes=FRZ-001,ROOM-4C"_s).size(), 2);
        QCOMPARE(walk(u"names.anyOf=shelf%201,RACK%201-A"_s).size(), 4); // both freezers
        QCOMPARE(walk(u"names.anyOf.caseSensitive=shelf%201"_s).size(), 0);
        QCOMPARE(walk(u"ids="_s + f1).size(), 1);
        QCOMPARE(walk(u"modifiedAt=%3E%202000-01-01"_s).size(), 40);
        QCOMPARE(walk(u"modifiedAt=%3C%202000-01-01"_s).size(), 0);
        QCOMPARE(walk(u"archiveReason=ANY_ARCHIVED"_s).size(), 0);
    }

    void badRequests_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("page too big") << u"pageSize=101"_s << u"pageSize"_s;
        QTest::newRow("page not a number") << u"pageSize=ten"_s << u"pageSize"_s;
        QTest::newRow("bad sort") << u"sort=color"_s << u"Invalid sort"_s;
        QTest::newRow("bad direction") << u"sort=name:up"_s << u"Invalid sort"_s;
        QTest::newRow("garbage token") << u"nextToken=%25%25"_s << u"nextToken"_s;
        QTest::newRow("unknown id") << u"ids=loc_nope0000"_s << u"loc_nope0000"_s;
        QTest::newRow("unknown barcode") << u"barcodes=FRZ-001,NOPE"_s << u"NOPE"_s;
        QTest::newRow("bad date") << u"createdAt=yesterday"_s << u"date"_s;
    }
    void badRequests()
    {
        QFETCH(QString, query);
        QFETCH(QString, messagePart);
        const Response response = get(u"/api/v2/locations?"_s + query);
        QCOMPARE(response.status, 400);
        const QJsonObject error = response.json.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"type"_s).toString(), u"invalid_request_error"_s);
        QVERIFY2(error.value(u"message"_s).toString().contains(messagePart),
                 qPrintable(error.value(u"message"_s).toString()));
    }

    void tokenOfAnotherSortIsRefused()
    {
        const QString token =
            get(u"/api/v2/locations?pageSize=5&sort=name"_s).json[u"nextToken"_s].toString();
        QCOMPARE(get(u"/api/v2/locations?pageSize=5&sort=barcode&nextToken="_s + token).status,
                 400);
    }

    void getById()
    {
        const QJsonObject listed =
            get(u"/api/v2/locations?pageSize=1"_s).json[u"locations"_s][0].toObject();
        const Response one = get(u"/api/v2/locations/"_s + listed[u"id"_s].toString());
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json, listed);
        QVERIFY(one.json[u"webURL"_s].toString().startsWith(m_lab.baseUrl().toString()));
    }

    void unknownIdIs404WithInvalidId()
    {
        const Response response = get(u"/api/v2/locations/loc_missing1"_s);
        QCOMPARE(response.status, 404);
        const QJsonObject error = response.json.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"invalidId"_s).toString(), u"loc_missing1"_s);
        QCOMPARE(error.value(u"type"_s).toString(), u"invalid_request_error"_s);
    }

    void unknownPathAndWrongMethod()
    {
        QCOMPARE(get(u"/api/v2/no-such-thing"_s).status, 404);
        const Response wrongMethod = request("DELETE", u"/api/v2/locations"_s, m_lab.apiKey());
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.allow, QByteArray("GET, POST"));
    }

    void restartKeepsDataAndDoesNotReseed()
    {
        m_lab.stop();
        QVERIFY(m_lab.start());
        QCOMPARE(walk(u"pageSize=100"_s).size(), 40);
        QSqlQuery users = m_lab.database().exec(u"SELECT COUNT(*) FROM users"_s);
        QVERIFY(users.next());
        QCOMPARE(users.value(0).toInt(), 1);
        QCOMPARE(m_lab.database().schemaVersion(), benchtop::server::migrations(false).last().version);
    }
};

QTEST_GUILESS_MAIN(TestLabServerHttp)
#include "tst_labserver.moc"
