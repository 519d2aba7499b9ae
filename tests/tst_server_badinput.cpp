// Bad requests against every route the lab server has: each must be refused with the right
// status, Benchling's error type and a message that names the problem, and must change nothing
// (a checksum of every table the API writes is compared before and after each request).
//
// Requests go out as raw HTTP/1.1 over a socket, so a row can send what no well-behaved client
// would: broken JSON, a lying Content-Length, a 40 KB header, a garbled Authorization header.
// Adding a row for a new endpoint is one line in badRequests_data(); placeholders in the
// target, body and Authorization header are filled in from the demo data (see expand()).
#include "ApiTestClient.h"
#include "TestLabServer.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

namespace {

struct RawResponse
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

// The literal "{auth}" in a row's Authorization column stands for a valid key.
constexpr char kValidAuth[] = "{auth}";

} // namespace

class TestServerBadInput : public QObject
{
    Q_OBJECT

    TestLabServer m_server;
    QHash<QString, QString> m_values; // placeholder -> value

    // {loc}: a seeded location; {victim}: a location only the known-bug rows touch; {schema}:
    // a location schema; {barcode}: a barcode in use; {token}: a nextToken of the default sort;
    // {auth}: a valid Authorization header; {101 locs}: 101 copies of {loc}, comma-separated.
    QByteArray expand(QByteArray text) const
    {
        for (auto it = m_values.cbegin(); it != m_values.cend(); ++it)
            text.replace(QByteArray('{' + it.key().toUtf8() + '}'), it.value().toUtf8());
        return text;
    }

    // One request on a fresh connection; the event loop runs meanwhile (the server is here).
    RawResponse sendRaw(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server.port());
        RawResponse response;
        if (!socket.waitForConnected(5'000))
            return response;
        socket.write(request);
        QByteArray in;
        qsizetype headEnd = -1;
        qsizetype length = -1;
        const bool complete = QTest::qWaitFor(
            [&] {
                in += socket.readAll();
                if (headEnd < 0 && (headEnd = in.indexOf("\r\n\r\n")) >= 0) {
                    for (const QByteArray &line : in.left(headEnd).split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                }
                return (headEnd >= 0 && length >= 0 && in.size() >= headEnd + 4 + length) ||
                       socket.state() == QAbstractSocket::UnconnectedState;
            },
            10'000);
        in += socket.readAll();
        if (!complete || headEnd < 0)
            return response;
        const QList<QByteArray> statusLine = in.left(in.indexOf("\r\n")).split(' ');
        response.status = statusLine.value(1).toInt();
        response.body = in.mid(headEnd + 4, length);
        response.json = QJsonDocument::fromJson(response.body).object();
        return response;
    }

    // Every table the API writes, hashed row by row.
    QByteArray checksum()
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString &table : {u"resources"_s, u"schemas"_s, u"tasks"_s, u"users"_s,
                                     u"api_keys"_s, u"access_tokens"_s}) {
            QSqlQuery query =
                m_server.database().exec(u"SELECT * FROM "_s + table + u" ORDER BY 1"_s);
            hash.addData(table.toUtf8());
            while (query.next()) {
                for (int i = 0; i < query.record().count(); ++i) {
                    hash.addData(query.value(i).toString().toUtf8());
                    hash.addData(query.value(i).isNull() ? "\x01" : "\x00");
                }
                hash.addData("\n");
            }
        }
        return hash.result();
    }

    // One row: the request, then what the refusal must look like. `authorization` is a raw
    // header value ("" sends none); `extraHeaders` are raw lines ending in \r\n, and a
    // Content-Length among them replaces the real one. `knownBug` marks a refusal the server
    // does not make yet (QEXPECT_FAIL: the row turns into a failure once it is fixed).
    static void add(const char *name, const QByteArray &method, const QByteArray &target,
                    const QByteArray &body, int status, const QString &fragment,
                    const QByteArray &authorization = kValidAuth,
                    const QByteArray &extraHeaders = {}, const QString &knownBug = {})
    {
        QTest::newRow(name) << method << target << body << authorization << extraHeaders << status
                            << fragment << knownBug;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        ApiTestClient api(m_server.baseUrl(), m_server.apiKey());
        const auto listed = api.get(u"/locations?pageSize=100"_s);
        QCOMPARE(listed.status, 200);
        const QJsonArray locations = listed.json[u"locations"_s].toArray();
        QVERIFY(locations.size() >= 2);
        QJsonObject withBarcode;
        for (const QJsonValue &item : locations) {
            if (!item[u"barcode"_s].toString().isEmpty())
                withBarcode = item.toObject();
        }
        QVERIFY(!withBarcode.isEmpty());
        m_values[u"loc"_s] = locations.first()[u"id"_s].toString();
        m_values[u"schema"_s] = withBarcode[u"schema"_s][u"id"_s].toString();
        m_values[u"barcode"_s] = withBarcode[u"barcode"_s].toString();
        const auto victim = api.post(
            u"/locations"_s, {{u"name"_s, u"victim"_s}, {u"schemaId"_s, m_values[u"schema"_s]}});
        QCOMPARE(victim.status, 201);
        m_values[u"victim"_s] = victim.json[u"id"_s].toString();
        const auto page = api.get(u"/locations?pageSize=1"_s);
        QCOMPARE(page.status, 200);
        m_values[u"token"_s] = page.json[u"nextToken"_s].toString();
        QVERIFY(!m_values[u"token"_s].isEmpty());
        m_values[u"auth"_s] =
            QString::fromLatin1("Basic " + QByteArray(m_server.apiKey().toUtf8() + ':').toBase64());
        m_values[u"101 locs"_s] = QStringList(101, m_values[u"loc"_s]).join(u',');
    }

    void badRequests_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QByteArray>("extraHeaders");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("fragment");
        QTest::addColumn<QString>("knownBug");

        const QByteArray L = "/api/v2/locations";
        const QByteArray S = "\"schemaId\":\"{schema}\"";

        // Bodies that are not a JSON object.
        add("create: malformed JSON", "POST", L, "{\"name\": ", 400, u"not valid JSON"_s);
        add("create: empty body", "POST", L, "", 400, u"not valid JSON"_s);
        add("create: body is an array", "POST", L, "[]", 400, u"must be a JSON object"_s);
        add("create: body is a string", "POST", L, "\"loc\"", 400, u"must be a JSON object"_s);
        add("create: trailing garbage", "POST", L, "{\"name\":\"a\"," + S + "} x", 400,
            u"not valid JSON"_s);
        add("patch: malformed JSON", "PATCH", L + "/{loc}", "{name:1}", 400, u"not valid JSON"_s);
        add("patch: body is a number", "PATCH", L + "/{loc}", "42", 400,
            u"must be a JSON object"_s);
        add("archive: malformed JSON", "POST", L + ":archive", "{\"locationIds\":[", 400,
            u"not valid JSON"_s);

        // Wrong JSON types, field by field.
        add("create: name is a number", "POST", L, "{\"name\":5," + S + "}", 400,
            u"Field 'name' must be a string, not a number"_s);
        add("create: schemaId is a boolean", "POST", L, "{\"name\":\"a\",\"schemaId\":true}", 400,
            u"Field 'schemaId' must be a string, not a boolean"_s);
        add("create: barcode is an array", "POST", L, "{\"name\":\"a\"," + S + ",\"barcode\":[]}",
            400, u"Field 'barcode' must be a string, not an array"_s);
        add("create: fields is an array", "POST", L, "{\"name\":\"a\"," + S + ",\"fields\":[]}",
            400, u"Field 'fields' must be an object, not an array"_s);
        add("create: parentStorageId is a number", "POST", L,
            "{\"name\":\"a\"," + S + ",\"parentStorageId\":7}", 400,
            u"Field 'parentStorageId' must be a string, not a number"_s);
        add("patch: name is null", "PATCH", L + "/{loc}", "{\"name\":null}", 400,
            u"Field 'name' must be a string, not null"_s);
        add("patch: name is an object", "PATCH", L + "/{loc}", "{\"name\":{}}", 400,
            u"Field 'name' must be a string, not an object"_s);
        add("patch: fields is a string", "PATCH", L + "/{loc}", "{\"fields\":\"x\"}", 400,
            u"Field 'fields' must be an object, not a string"_s);
        add("patch: parentStorageId is a boolean", "PATCH", L + "/{loc}",
            "{\"parentStorageId\":false}", 400,
            u"Field 'parentStorageId' must be a string, not a boolean"_s);
        add("archive: locationIds is a string", "POST", L + ":archive",
            "{\"locationIds\":\"{loc}\",\"reason\":\"Retired\"}", 400,
            u"Field 'locationIds' must be an array, not a string"_s);
        add("archive: locationIds holds numbers", "POST", L + ":archive",
            "{\"locationIds\":[1,2],\"reason\":\"Retired\"}", 400,
            u"Field 'locationIds' must be a list of strings"_s);
        add("archive: reason is a number", "POST", L + ":archive",
            "{\"locationIds\":[\"{loc}\"],\"reason\":3}", 400,
            u"Field 'reason' must be a string, not a number"_s);
        add("archive: shouldRemoveBarcodes is a string", "POST", L + ":archive",
            "{\"locationIds\":[\"{victim}\"],\"reason\":\"Retired\",\"shouldRemoveBarcodes\":"
            "\"yes\"}",
            400, u"Field 'shouldRemoveBarcodes' must be a boolean, not a string"_s);

        // additionalProperties: false (LocationCreate, LocationUpdate, LocationsArchive,
        // LocationsUnarchive).
        add("create: unknown field", "POST", L, "{\"name\":\"a\"," + S + ",\"color\":\"red\"}", 400,
            u"Field 'color' is not a field of this request"_s);
        add("patch: schemaId is not patchable", "PATCH", L + "/{loc}", "{" + S + "}", 400,
            u"Field 'schemaId' is not a field of this request"_s);
        add("patch: barcode is not patchable", "PATCH", L + "/{loc}", "{\"barcode\":\"B\"}", 400,
            u"Field 'barcode' is not a field of this request"_s);
        add("archive: unknown field", "POST", L + ":archive",
            "{\"locationIds\":[\"{loc}\"],\"reason\":\"Retired\",\"force\":true}", 400,
            u"Field 'force' is not a field of this request"_s);
        add("unarchive: reason is not a field", "POST", L + ":unarchive",
            "{\"locationIds\":[\"{loc}\"],\"reason\":\"Retired\"}", 400,
            u"Field 'reason' is not a field of this request"_s);

        // Missing required fields.
        add("create: no name", "POST", L, "{" + S + "}", 400, u"Field 'name' is required"_s);
        add("create: name null", "POST", L, "{\"name\":null," + S + "}", 400,
            u"Field 'name' is required"_s);
        add("create: no schemaId", "POST", L, "{\"name\":\"a\"}", 400,
            u"Field 'schemaId' is required"_s);
        add("archive: no reason", "POST", L + ":archive", "{\"locationIds\":[\"{loc}\"]}", 400,
            u"Field 'reason' is required"_s);
        add("archive: no locationIds", "POST", L + ":archive", "{\"reason\":\"Retired\"}", 400,
            u"Field 'locationIds' is required"_s);
        add("archive: empty locationIds", "POST", L + ":archive",
            "{\"locationIds\":[],\"reason\":\"Retired\"}", 400,
            u"'locationIds' must name at least one"_s);
        add("unarchive: no locationIds", "POST", L + ":unarchive", "{}", 400,
            u"Field 'locationIds' is required"_s);

        // Invalid values: enums, references, uniqueness.
        add("archive: invalid reason", "POST", L + ":archive",
            "{\"locationIds\":[\"{loc}\"],\"reason\":\"Expired\"}", 400,
            u"must be one of Made in error, Retired, Other, not \"Expired\""_s);
        add("archive: reason in the wrong case", "POST", L + ":archive",
            "{\"locationIds\":[\"{loc}\"],\"reason\":\"retired\"}", 400, u"not \"retired\""_s);
        add("create: unknown schema", "POST", L, "{\"name\":\"a\",\"schemaId\":\"locsch_nope\"}",
            400, u"No schema has the id locsch_nope"_s);
        add("create: duplicate barcode", "POST", L,
            "{\"name\":\"a\"," + S + ",\"barcode\":\"{barcode}\"}", 400,
            u"barcode {barcode} is already used"_s);
        add("create: parent does not exist", "POST", L,
            "{\"name\":\"a\"," + S + ",\"parentStorageId\":\"loc_nope\"}", 400, u"loc_nope"_s);
        add("patch: parent does not exist", "PATCH", L + "/{victim}",
            "{\"parentStorageId\":\"loc_nope\"}", 400, u"loc_nope"_s);
        add("patch: parent is itself", "PATCH", L + "/{victim}",
            "{\"parentStorageId\":\"{victim}\"}", 400, u"{victim}"_s);

        // Unknown ids in the path, the body and the query.
        add("get: unknown id", "GET", L + "/loc_nope", {}, 404, u"loc_nope"_s);
        add("patch: unknown id", "PATCH", L + "/loc_nope", "{\"name\":\"a\"}", 404, u"loc_nope"_s);
        add("archive: unknown id", "POST", L + ":archive",
            "{\"locationIds\":[\"{loc}\",\"loc_nope\"],\"reason\":\"Retired\"}", 400,
            u"No locations exist with these ids: loc_nope"_s);
        add("unarchive: unknown id", "POST", L + ":unarchive", "{\"locationIds\":[\"loc_nope\"]}",
            400, u"loc_nope"_s);
        add("list: unknown ids", "GET", L + "?ids={loc},loc_nope", {}, 400,
            u"No locations exist with these ids: loc_nope"_s);
        add("list: unknown barcodes", "GET", L + "?barcodes=NOPE-1", {}, 400,
            u"No locations exist with these barcodes: NOPE-1"_s);
        add("bulk-get: unknown id", "GET", L + ":bulk-get?locationIds=loc_nope", {}, 400,
            u"No locations exist with these locationIds: loc_nope"_s);
        add("bulk-get: unknown barcode", "GET", L + ":bulk-get?barcodes=NOPE-2", {}, 400,
            u"NOPE-2"_s);
        add("task: unknown id", "GET", "/api/v2/tasks/nope", {}, 404, u"Task nope was not found"_s);

        // Bad query values.
        add("list: pageSize 0", "GET", L + "?pageSize=0", {}, 400, u"pageSize must be"_s);
        add("list: pageSize 101", "GET", L + "?pageSize=101", {}, 400, u"from 1 to 100"_s);
        add("list: pageSize abc", "GET", L + "?pageSize=abc", {}, 400, u"pageSize must be"_s);
        add("list: pageSize empty", "GET", L + "?pageSize=", {}, 400, u"pageSize must be"_s);
        add("list: unknown sort", "GET", L + "?sort=color", {}, 400, u"Invalid sort \"color\""_s);
        add("list: bad sort direction", "GET", L + "?sort=name:up", {}, 400,
            u"Invalid sort \"name:up\""_s);
        add("list: garbage nextToken", "GET", L + "?nextToken=!!garbage!!", {}, 400,
            u"Invalid nextToken"_s);
        add("list: nextToken of another sort", "GET", L + "?sort=name&nextToken={token}", {}, 400,
            u"Invalid nextToken"_s);
        add("list: date that is not a date", "GET", L + "?modifiedAt=yesterday", {}, 400,
            u"Invalid date filter \"yesterday\""_s);
        add("list: date range without an operator", "GET", L + "?createdAt=2022-01-01", {}, 400,
            u"Invalid date filter"_s);
        add("list: date range with a bad second term", "GET",
            L + "?createdAt=%3E%202022-01-01%20AND%20%3C%20soon", {}, 400,
            u"Invalid date filter"_s);
        add("list: too many names", "GET", L + "?names.anyOf=" + QByteArrayList(101, "n").join(','),
            {}, 400, u"names.anyOf takes at most 100 names"_s);
        add("list: too many case-sensitive names", "GET",
            L + "?names.anyOf.caseSensitive=" + QByteArrayList(101, "n").join(','), {}, 400,
            u"names.anyOf.caseSensitive takes at most 100"_s);
        add("list: schema field filter", "GET", L + "?schemaFields.Temperature=4", {}, 400,
            u"schemaFields.Temperature"_s);
        add("bulk-get: nothing named", "GET", L + ":bulk-get", {}, 400,
            u"Name the locations to get with locationIds or barcodes"_s);
        add("bulk-get: over 100 ids", "GET", L + ":bulk-get?locationIds={101 locs}", {}, 400,
            u"at most 100"_s);

        // Authentication.
        add("no Authorization header", "GET", L, {}, 401, u"Authentication failed"_s, "");
        add("wrong key", "GET", L, {}, 401, u"Authentication failed"_s,
            "Basic " + QByteArray("sk_wrong:").toBase64());
        add("Bearer instead of Basic", "GET", L, {}, 401, u"Authentication failed"_s,
            "Bearer sk_whatever");
        add("Basic with broken base64", "GET", L, {}, 401, u"Authentication failed"_s,
            "Basic !!!not-base64!!!");
        add("Basic with an empty user", "GET", L, {}, 401, u"Authentication failed"_s,
            "Basic " + QByteArray(":password").toBase64());
        add("Basic with no credentials", "GET", L, {}, 401, u"Authentication failed"_s, "Basic");
        add("write without a key", "POST", L, "{\"name\":\"a\"," + S + "}", 401,
            u"Authentication failed"_s, "");

        // Method, path and HTTP framing.
        add("DELETE a location", "DELETE", L + "/{loc}", {}, 405,
            u"DELETE is not allowed on /api/v2/locations/{loc}"_s);
        add("PUT the collection", "PUT", L, "{}", 405,
            u"PUT is not allowed on /api/v2/locations"_s);
        add("POST to a task", "POST", "/api/v2/tasks/nope", "{}", 405, u"POST is not allowed"_s);
        add("unknown path", "GET", "/api/v2/nothing-here", {}, 404,
            u"There is no API operation at /api/v2/nothing-here"_s);
        add("unknown API version", "GET", "/api/v3/locations", {}, 404,
            u"There is no API operation at /api/v3/locations"_s);
        add("unknown action", "POST", L + ":explode", "{}", 404,
            u"There is no API operation at /api/v2/locations:explode"_s);
        add("body over the size limit", "POST", L, {}, 413, u"body is too large"_s, kValidAuth,
            "Content-Length: 67108865\r\n");
        add("headers over the size limit", "GET", L, {}, 431, u"headers are too large"_s,
            kValidAuth, "X-Padding: " + QByteArray(40 * 1024, 'a') + "\r\n");
        add("bad Content-Length", "POST", L, {}, 400, u"Invalid Content-Length"_s, kValidAuth,
            "Content-Length: twelve\r\n");
    }

    void badRequests()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, authorization);
        QFETCH(QByteArray, extraHeaders);
        QFETCH(int, status);
        QFETCH(QString, fragment);
        QFETCH(QString, knownBug);

        const QByteArray expandedBody = expand(body);
        QByteArray request = method + ' ' + expand(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!authorization.isEmpty())
            request += "Authorization: " + expand(authorization) + "\r\n";
        if (!extraHeaders.toLower().contains("content-length:"))
            request += "Content-Length: " + QByteArray::number(expandedBody.size()) + "\r\n";
        if (!expandedBody.isEmpty())
            request += "Content-Type: application/json\r\n";
        request += extraHeaders + "Connection: close\r\n\r\n" + expandedBody;

        const QByteArray before = checksum();
        const RawResponse response = sendRaw(request);
        const QByteArray after = checksum();
        const QString message = response.json[u"error"_s][u"message"_s].toString();
        const QByteArray why =
            "answered " + QByteArray::number(response.status) + ": " + response.body.left(500);

        const QString expected = QString::fromUtf8(expand(fragment.toUtf8()));
        const QString type = response.json[u"error"_s][u"type"_s].toString();
        const QString expectedType = status >= 500 ? u"server_error"_s : u"invalid_request_error"_s;
        QString problem;
        if (response.status != status)
            problem = u"expected %1, %2"_s.arg(status).arg(QString::fromUtf8(why));
        else if (type != expectedType)
            problem = u"error type \"%1\", expected \"%2\""_s.arg(type, expectedType);
        else if (!message.contains(expected))
            problem = u"the message \"%1\" does not say \"%2\""_s.arg(message, expected);
        if (!knownBug.isEmpty())
            QEXPECT_FAIL("", qPrintable(knownBug), Abort);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY2(before == after, "a refused request changed the database");
    }

    // The checksum must see a change, or the "nothing changed" checks above prove nothing.
    void checksumSeesAWrite()
    {
        const QByteArray before = checksum();
        ApiTestClient api(m_server.baseUrl(), m_server.apiKey());
        QCOMPARE(
            api.patch(u"/locations/"_s + m_values[u"loc"_s], {{u"name"_s, u"renamed"_s}}).status,
            200);
        QVERIFY(checksum() != before);
    }
};

QTEST_GUILESS_MAIN(TestServerBadInput)
#include "tst_server_badinput.moc"
