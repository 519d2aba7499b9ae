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
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

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

    // Every table the API writes, hashed row by row (rows sorted, so that tables without a
    // unique first column hash the same whatever order the database returns them in).
    QByteArray checksum()
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const QString &table :
             {u"resources"_s, u"schemas"_s, u"tasks"_s, u"users"_s, u"api_keys"_s,
              u"access_tokens"_s, u"container_contents"_s, u"container_checkouts"_s,
              u"sequence_index"_s,
              // notebook, people and blobs
              u"organizations"_s, u"organization_memberships"_s, u"teams"_s, u"team_memberships"_s,
              u"entry_display_ids"_s, u"entry_authors"_s, u"entry_links"_s, u"blobs"_s,
              u"blob_parts"_s}) {
            QSqlQuery query = m_server.database().exec(u"SELECT * FROM "_s + table);
            hash.addData(table.toUtf8());
            QByteArrayList rows;
            while (query.next()) {
                QByteArray row;
                for (int i = 0; i < query.record().count(); ++i) {
                    row += query.value(i).toString().toUtf8();
                    row += query.value(i).isNull() ? "\x01" : "\x02";
                }
                rows.append(row);
            }
            std::sort(rows.begin(), rows.end());
            hash.addData(rows.join('\n'));
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

        // Inventory and sequences from the demo data: the 9×9 box BOX-0001 holds tubes from A1
        // on; PLT-0001 is a 96-well plate.
        const auto scalar = [this](const QString &sql, const QVariantList &bindings = {}) {
            QSqlQuery query = m_server.database().exec(sql, bindings);
            return query.next() ? query.value(0).toString() : QString();
        };
        m_values[u"box"_s] = scalar(u"SELECT id FROM resources WHERE barcode = 'BOX-0001'"_s);
        m_values[u"boxSchema"_s] =
            scalar(u"SELECT schema_id FROM resources WHERE id = ?"_s, {m_values[u"box"_s]});
        m_values[u"tube"_s] = scalar(u"SELECT id FROM resources WHERE barcode = 'TUB-00001'"_s);
        m_values[u"tube2"_s] = scalar(u"SELECT id FROM resources WHERE barcode = 'TUB-00002'"_s);
        m_values[u"tubeSchema"_s] =
            scalar(u"SELECT schema_id FROM resources WHERE id = ?"_s, {m_values[u"tube"_s]});
        m_values[u"plate"_s] = scalar(u"SELECT id FROM resources WHERE barcode = 'PLT-0001'"_s);
        m_values[u"plateSchema"_s] =
            scalar(u"SELECT schema_id FROM resources WHERE id = ?"_s, {m_values[u"plate"_s]});
        m_values[u"dna"_s] =
            scalar(u"SELECT id FROM resources WHERE kind = 'dna_sequence' ORDER BY id"_s);
        m_values[u"user"_s] = scalar(u"SELECT id FROM users WHERE handle = 'demo'"_s);
        m_values[u"freezer"_s] = scalar(
            u"SELECT id FROM resources WHERE kind = 'location' AND name LIKE 'Freezer F1%'"_s);
        m_values[u"deepRack"_s] =
            scalar(u"SELECT r.id FROM resources r JOIN resources s ON s.id = r.parent_id "
                   "WHERE r.kind = 'location' AND s.parent_id = ? ORDER BY r.id"_s,
                   {m_values[u"freezer"_s]});
        for (const QString &key : m_values.keys())
            QVERIFY2(!m_values[key].isEmpty(), qPrintable(u"no demo value for {"_s + key + u'}'));
        const auto archived = api.post(u"/boxes"_s, {{u"name"_s, u"archived box"_s},
                                                     {u"schemaId"_s, m_values[u"boxSchema"_s]},
                                                     {u"parentStorageId"_s, m_values[u"loc"_s]}});
        QCOMPARE(archived.status, 201);
        m_values[u"archivedBox"_s] = archived.json[u"id"_s].toString();
        QCOMPARE(
            api.post(u"/boxes:archive"_s, {{u"boxIds"_s, QJsonArray{m_values[u"archivedBox"_s]}},
                                           {u"reason"_s, u"Retired"_s}})
                .status,
            200);

        // The notebook from the demo data, and blobs: {blob} is complete, {openBlob} an upload
        // in progress with part 1 ({openETag}) received.
        m_values[u"project"_s] = scalar(u"SELECT id FROM resources WHERE kind = 'project'"_s);
        m_values[u"folder"_s] =
            scalar(u"SELECT id FROM resources WHERE kind = 'folder' ORDER BY id"_s);
        m_values[u"entry"_s] =
            scalar(u"SELECT id FROM resources WHERE kind = 'entry' ORDER BY id"_s);
        m_values[u"template"_s] =
            scalar(u"SELECT id FROM resources WHERE kind = 'entry_template' ORDER BY id"_s);
        m_values[u"team"_s] = scalar(u"SELECT id FROM teams ORDER BY id"_s);
        const auto blob =
            api.post(u"/blobs"_s, {{u"name"_s, u"hello.txt"_s},
                                   {u"type"_s, u"RAW_FILE"_s},
                                   {u"data64"_s, u"SGVsbG8sIEJlbmNodG9wIQ=="_s},
                                   {u"md5"_s, u"63177e44441f78bb230f044e6b04e5f3"_s}});
        QCOMPARE(blob.status, 200);
        m_values[u"blob"_s] = blob.json[u"id"_s].toString();
        const auto open = api.post(u"/blobs:start-multipart-upload"_s,
                                   {{u"name"_s, u"parts.txt"_s}, {u"type"_s, u"RAW_FILE"_s}});
        QCOMPARE(open.status, 200);
        m_values[u"openBlob"_s] = open.json[u"id"_s].toString();
        const auto part = api.post(u"/blobs/"_s + m_values[u"openBlob"_s] + u"/parts"_s,
                                   {{u"partNumber"_s, 1},
                                    {u"data64"_s, u"cGFydCBvbmU="_s},
                                    {u"md5"_s, u"3303e12af474ca11d85ed2966a932992"_s}});
        QCOMPARE(part.status, 200);
        m_values[u"openETag"_s] = part.json[u"eTag"_s].toString().remove(u'"');
        for (const QString &key : {u"project"_s, u"folder"_s, u"entry"_s, u"template"_s, u"team"_s,
                                   u"blob"_s, u"openBlob"_s, u"openETag"_s})
            QVERIFY2(!m_values[key].isEmpty(), qPrintable(u"no demo value for {"_s + key + u'}'));

        // An OAuth token (client_id = the key's id, client_secret = the key), expired by hand.
        const QString keyId = scalar(u"SELECT id FROM api_keys ORDER BY id"_s);
        ApiTestClient oauth(m_server.baseUrl(), QString());
        oauth.setAuthorization(
            "Basic " + QByteArray(keyId.toUtf8() + ':' + m_server.apiKey().toUtf8()).toBase64());
        const auto token = oauth.send("POST", u"/token"_s, "grant_type=client_credentials",
                                      "application/x-www-form-urlencoded");
        QCOMPARE(token.status, 200);
        m_values[u"expiredToken"_s] = token.json[u"access_token"_s].toString();
        QVERIFY(!m_server.database()
                     .exec(u"UPDATE access_tokens SET expires_at = ?"_s,
                           {u"2000-01-01T00:00:00.000Z"_s})
                     .lastError()
                     .isValid());
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

        // Containers: positions, parents, bodies.
        const QByteArray C = "/api/v2/containers";
        const QByteArray T = "\"schemaId\":\"{tubeSchema}\"";
        add("container: create on an occupied position", "POST", C,
            "{\"name\":\"a\"," + T + ",\"parentStorageId\":\"{box}:A1\"}", 400,
            u"Position A1 of"_s);
        add("container: create outside the grid", "POST", C,
            "{\"name\":\"a\"," + T + ",\"parentStorageId\":\"{box}:J1\"}", 400,
            u"Position J1 is outside"_s);
        add("container: position that is not a position", "POST", C,
            "{\"name\":\"a\"," + T + ",\"parentStorageId\":\"{box}:11A\"}", 400,
            u"\"11A\" is not a grid position"_s);
        add("container: move onto an occupied position", "PATCH", C + "/{tube2}",
            "{\"parentStorageId\":\"{box}:A1\"}", 400, u"is already occupied by"_s);
        add("container: move outside the grid", "PATCH", C + "/{tube2}",
            "{\"parentStorageId\":\"{box}:Z99\"}", 400, u"outside"_s);
        add("container: into an archived box", "POST", C,
            "{\"name\":\"a\"," + T + ",\"parentStorageId\":\"{archivedBox}:A1\"}", 400,
            u"is archived"_s);
        add("container: onto a well plate", "POST", C,
            "{\"name\":\"a\"," + T + ",\"parentStorageId\":\"{plate}:A1\"}", 400,
            u"is a well plate"_s);
        add("container: unknown field (ContainerCreate)", "POST", C,
            "{\"name\":\"a\"," + T + ",\"colour\":\"red\"}", 400,
            u"Field 'colour' is not a field of this request"_s);
        add("container: name is a number", "POST", C, "{\"name\":5," + T + "}", 400,
            u"Field 'name' must be a string, not a number"_s);
        add("container: schema of a box", "POST", C,
            "{\"name\":\"a\",\"schemaId\":\"{boxSchema}\"}", 400, u"{boxSchema}"_s);
        add("container: quantity is a string", "PATCH", C + "/{tube}", "{\"quantity\":\"5 uL\"}",
            400, u"Field 'quantity' must be an object with value and units"_s);
        add("container: check out to nobody", "POST", C + ":check-out",
            "{\"containerIds\":[\"{tube}\"],\"assigneeId\":\"ent_nope\"}", 400, u"ent_nope"_s);
        add("container: check out ids as a string", "POST", C + ":check-out",
            "{\"containerIds\":\"{tube}\",\"assigneeId\":\"{user}\"}", 400,
            u"Field 'containerIds' must be an array, not a string"_s);
        add("container: transfer more than the source holds", "POST", C + "/{tube2}:transfer",
            "{\"sourceContainerId\":\"{tube}\",\"transferQuantity\":{\"value\":5000,\"units\":"
            "\"uL\"},\"destinationContents\":[]}",
            400, u"5000 uL"_s);
        add("container: bulk create with containers as an object", "POST", C + ":bulk-create",
            "{\"containers\":{}}", 400, u"Field 'containers' must be an array, not an object"_s);

        // Boxes and plates.
        const QByteArray B = "/api/v2/boxes";
        add("box: unknown field (BoxCreate)", "POST", B,
            "{\"name\":\"a\",\"schemaId\":\"{boxSchema}\",\"size\":81}", 400,
            u"Field 'size' is not a field of this request"_s);
        add("box: into another box", "POST", B,
            "{\"name\":\"a\",\"schemaId\":\"{boxSchema}\",\"parentStorageId\":\"{box}\"}", 400,
            u"can only be stored in"_s);
        add("box: into an archived box", "PATCH", B + "/{box}",
            "{\"parentStorageId\":\"{archivedBox}\"}", 400, u"{archivedBox}"_s);
        add("box: schemaId is a number", "POST", B, "{\"name\":\"a\",\"schemaId\":9}", 400,
            u"Field 'schemaId' must be a string, not a number"_s);
        add("box: archive for an unknown reason", "POST", B + ":archive",
            "{\"boxIds\":[\"{box}\"],\"reason\":\"Lost at sea\"}", 400, u"\"Lost at sea\""_s);
        add("location: move a freezer into its own rack (cycle)", "PATCH", L + "/{freezer}",
            "{\"parentStorageId\":\"{deepRack}\"}", 400, u"cycle"_s);
        add("plate: unknown field (PlateCreate)", "POST", "/api/v2/plates",
            "{\"name\":\"a\",\"schemaId\":\"{plateSchema}\",\"colour\":\"red\"}", 400,
            u"Field 'colour' is not a field of this request"_s);
        add("plate: well barcode outside the grid", "POST", "/api/v2/plates",
            "{\"name\":\"a\",\"schemaId\":\"{plateSchema}\",\"wells\":{\"Z99\":{\"barcode\":"
            "\"W-1\"}}}",
            400, u"Z99"_s);
        add("plate: into a box", "PATCH", "/api/v2/plates/{plate}",
            "{\"parentStorageId\":\"{box}\"}", 400, u"can only be stored in"_s);

        // Sequences.
        const QByteArray D = "/api/v2/dna-sequences";
        add("dna: bad bases", "POST", D,
            "{\"name\":\"a\",\"bases\":\"ACGTZ\",\"isCircular\":false}", 400, u"Z"_s);
        add("dna: unknown field (DnaSequenceCreate)", "POST", D,
            "{\"name\":\"a\",\"bases\":\"ACGT\",\"isCircular\":false,\"colour\":\"red\"}", 400,
            u"Field 'colour' is not a field of this request"_s);
        add("dna: isCircular is a string", "POST", D,
            "{\"name\":\"a\",\"bases\":\"ACGT\",\"isCircular\":\"no\"}", 400,
            u"Field 'isCircular' must be a boolean, not a string"_s);
        add("dna: bases is a number", "POST", D,
            "{\"name\":\"a\",\"bases\":42,\"isCircular\":false}", 400,
            u"Field 'bases' must be a string, not a number"_s);
        add("dna: no isCircular", "POST", D, "{\"name\":\"a\",\"bases\":\"ACGT\"}", 400,
            u"Field 'isCircular' is required"_s);
        add("dna: patch to bad bases", "PATCH", D + "/{dna}", "{\"bases\":\"ACGT1\"}", 400, u"1"_s);
        add("dna: archive for an unknown reason", "POST", D + ":archive",
            "{\"dnaSequenceIds\":[\"{dna}\"],\"reason\":\"Bored\"}", 400, u"\"Bored\""_s);
        add("aa: bad amino acids", "POST", "/api/v2/aa-sequences",
            "{\"name\":\"a\",\"aminoAcids\":\"MSK1\"}", 400, u"1"_s);
        add("dna: search pattern too short", "POST", D + ":search-bases", "{\"bases\":\"ACG\"}",
            400, u"bases"_s);

        // OAuth bearer tokens.
        add("expired bearer token", "GET", L, {}, 401, u"has expired"_s, "Bearer {expiredToken}");
        add("unknown bearer token", "GET", L, {}, 401, u"not known to this server"_s,
            "Bearer tok_NotATokenOfThisServer");
        add("write with an expired bearer token", "POST", C, "{\"name\":\"a\"," + T + "}", 401,
            u"has expired"_s, "Bearer {expiredToken}");

        // Notebook: entries (EntryCreate and EntryUpdate have additionalProperties: false).
        const QByteArray E = "/api/v2/entries";
        const QByteArray F = "\"folderId\":\"{folder}\"";
        add("entry: malformed JSON", "POST", E, "{\"name\":\"a\"," + F, 400, u"not valid JSON"_s);
        add("entry: unknown field (EntryCreate)", "POST", E,
            "{\"name\":\"a\"," + F + ",\"days\":[]}", 400,
            u"Field 'days' is not a field of this request"_s);
        add("entry: name is a number", "POST", E, "{\"name\":5," + F + "}", 400,
            u"Field 'name' must be a string, not a number"_s);
        add("entry: no folderId", "POST", E, "{\"name\":\"a\"}", 400,
            u"Field 'folderId' is required"_s);
        add("entry: unknown folder", "POST", E, "{\"name\":\"a\",\"folderId\":\"lib_nope\"}", 400,
            u"No folder has the id lib_nope"_s);
        add("entry: unknown template", "POST", E,
            "{\"name\":\"a\"," + F + ",\"entryTemplateId\":\"tmpl_nope\"}", 400,
            u"No entry template has the id tmpl_nope"_s);
        add("entry: initialTables without a template", "POST", E,
            "{\"name\":\"a\"," + F + ",\"initialTables\":[{\"csvData\":\"x\"}]}", 400,
            u"needs an entryTemplateId"_s);
        add("entry: authorIds holds numbers", "POST", E,
            "{\"name\":\"a\"," + F + ",\"authorIds\":[1]}", 400,
            u"Field 'authorIds' must be a list of strings"_s);
        add("entry: patch an unknown entry", "PATCH", E + "/etr_nope", "{\"name\":\"a\"}", 404,
            u"etr_nope"_s);
        add("entry: patch with an unknown field (EntryUpdate)", "PATCH", E + "/{entry}",
            "{\"displayId\":\"EXP1\"}", 400, u"Field 'displayId' is not a field of this request"_s);
        add("entry: patch to an unknown author", "PATCH", E + "/{entry}",
            "{\"authorIds\":[\"ent_nope\"]}", 400,
            u"No users exist with these authorIds: ent_nope"_s);
        add("entry: patch to an unknown folder", "PATCH", E + "/{entry}",
            "{\"folderId\":\"lib_nope\"}", 400, u"lib_nope"_s);
        add("entry: patch to an unknown schema", "PATCH", E + "/{entry}",
            "{\"schemaId\":\"ts_nope\"}", 400, u"ts_nope"_s);
        add("entry: archive for an unknown reason", "POST", E + ":archive",
            "{\"entryIds\":[\"{entry}\"],\"reason\":\"Bored\"}", 400, u"\"Bored\""_s);
        add("entry: archive an unknown entry", "POST", E + ":archive",
            "{\"entryIds\":[\"{entry}\",\"etr_nope\"],\"reason\":\"Retired\"}", 400, u"etr_nope"_s);
        add("entry: bulk get with nothing named", "GET", E + ":bulk-get", {}, 400,
            u"Name the entries to get with entryIds or displayIds"_s);
        add("entry: bulk get an unknown display id", "GET", E + ":bulk-get?displayIds=EXP00nope",
            {}, 400, u"EXP00nope"_s);
        add("entry: unknown review status", "GET", E + "?reviewStatus=DONE", {}, 400,
            u"reviewStatus must be one of"_s);
        add("entry: external file of an unknown entry", "GET",
            E + "/etr_nope/external-files/{blob}", {}, 404, u"etr_nope"_s);
        add("entry: external file the entry does not hold", "GET",
            E + "/{entry}/external-files/{blob}", {}, 404, u"has no external file"_s);

        // The days extension (PUT /entries/{id}/days, docs/api-extensions.md).
        const QByteArray Days = E + "/{entry}/days";
        const auto day = [](const QByteArray &notes) -> QByteArray {
            return "{\"days\":[{\"date\":\"2026-03-02\",\"notes\":[" + notes + "]}]}";
        };
        add("days: stale modifiedAt", "PUT", Days,
            "{\"modifiedAt\":\"2000-01-01T00:00:00.000Z\",\"days\":[]}", 409,
            u"Nothing was saved"_s);
        add("days: unknown entry", "PUT", E + "/etr_nope/days", "{\"days\":[]}", 404,
            u"etr_nope"_s);
        add("days: malformed JSON", "PUT", Days, "{\"days\":[", 400, u"not valid JSON"_s);
        add("days: unknown field", "PUT", Days, "{\"days\":[],\"title\":\"x\"}", 400,
            u"Field 'title' is not a field of this request"_s);
        add("days: days is an object", "PUT", Days, "{\"days\":{}}", 400,
            u"Field 'days' must be an array"_s);
        add("days: no days", "PUT", Days, "{\"modifiedAt\":\"x\"}", 400,
            u"Field 'days' is required"_s);
        add("days: date that is not a date", "PUT", Days,
            "{\"days\":[{\"date\":\"soon\",\"notes\":[]}]}", 400, u"not \"soon\""_s);
        add("days: a note type this server cannot write", "PUT", Days,
            day("{\"type\":\"results_table\"}"), 400,
            u"days[0].notes[0]: note type \"results_table\" cannot be written here"_s);
        add("days: a note without a type", "PUT", Days, day("{\"text\":\"x\"}"), 400,
            u"days[0].notes[0]: Field 'type' is required"_s);
        add("days: a field another note type has", "PUT", Days,
            day("{\"type\":\"text\",\"checked\":true}"), 400,
            u"Field 'checked' is not a field of this request"_s);
        add("days: negative indentation", "PUT", Days,
            day("{\"type\":\"text\",\"indentation\":-1}"), 400,
            u"Field 'indentation' must be 0 or more"_s);
        add("days: table rows of different widths", "PUT", Days,
            day("{\"type\":\"table\",\"table\":{\"columnLabels\":[\"A\",\"B\"],\"rows\":[{"
                "\"cells\":[{\"text\":\"1\"}]}]}}"),
            400, u"days[0].notes[0].table.rows[0] has 1 cells; the table has 2 columns"_s);
        add("days: table without its table", "PUT", Days, day("{\"type\":\"table\"}"), 400,
            u"Field 'table' is required"_s);
        add("days: link to an unknown sequence", "PUT", Days,
            day("{\"type\":\"text\",\"links\":[{\"type\":\"dna_sequence\",\"id\":\"seq_nope\"}]}"),
            400, u"days[0].notes[0].links[0]: no dna_sequence has the id seq_nope"_s);
        add("days: hyperlink that is not http", "PUT", Days,
            day("{\"type\":\"text\",\"links\":[{\"type\":\"link\",\"webURL\":\"ftp://x\"}]}"), 400,
            u"http:// or https://"_s);
        add("days: file that is no uploaded blob", "PUT", Days,
            day("{\"type\":\"external_file\",\"externalFileId\":\"{openBlob}\"}"), 400,
            u"names no uploaded blob"_s);
        add("template days: day below 0", "PUT", "/api/v2/entry-templates/{template}/days",
            "{\"days\":[{\"day\":-1,\"notes\":[]}]}", 400,
            u"Field 'day' must be a whole number of 0 or more"_s);
        add("template days: a date instead of a day", "PUT",
            "/api/v2/entry-templates/{template}/days",
            "{\"days\":[{\"date\":\"2026-03-02\",\"notes\":[]}]}", 400,
            u"Field 'date' is not a field of this request"_s);

        // Templates, folders, projects.
        add("template: unknown field (EntryTemplateUpdate)", "PATCH",
            "/api/v2/entry-templates/{template}", "{\"days\":[]}", 400,
            u"Field 'days' is not a field of this request"_s);
        add("template: unknown collection", "PATCH", "/api/v2/entry-templates/{template}",
            "{\"templateCollectionId\":\"tmplcol_nope\"}", 400, u"tmplcol_nope"_s);
        add("template: unknown template", "GET", "/api/v2/entry-templates/tmpl_nope", {}, 404,
            u"tmpl_nope"_s);
        add("folder: unknown field (FolderCreate)", "POST", "/api/v2/folders",
            "{\"name\":\"a\",\"parentFolderId\":\"{folder}\",\"colour\":\"red\"}", 400,
            u"Field 'colour' is not a field of this request"_s);
        add("folder: unknown parent", "POST", "/api/v2/folders",
            "{\"name\":\"a\",\"parentFolderId\":\"lib_nope\"}", 400, u"lib_nope"_s);
        add("folder: empty name", "POST", "/api/v2/folders",
            "{\"name\":\" \",\"parentFolderId\":\"{folder}\"}", 400, u"must not be empty"_s);
        add("folder: archive with folderIds as a string", "POST", "/api/v2/folders:archive",
            "{\"folderIds\":\"{folder}\",\"reason\":\"Retired\"}", 400,
            u"Field 'folderIds' must be an array, not a string"_s);
        add("folder: unknown section", "GET", "/api/v2/folders?section=ATTIC", {}, 400,
            u"section must be INVENTORY or NOTEBOOK"_s);
        add("project: archive an unknown project", "POST", "/api/v2/projects:archive",
            "{\"projectIds\":[\"{project}\",\"src_nope\"],\"reason\":\"Retired\"}", 400,
            u"src_nope"_s);
        add("project: not creatable", "POST", "/api/v2/projects", "{\"name\":\"a\"}", 405,
            u"POST is not allowed"_s);
        add("entry schema: unknown id", "GET", "/api/v2/entry-schemas/ts_nope", {}, 404,
            u"ts_nope"_s);

        // People.
        add("users: unknown id filter", "GET", "/api/v2/users?ids=ent_nope", {}, 400,
            u"No users exist with these ids: ent_nope"_s);
        add("users: unknown user", "GET", "/api/v2/users/ent_nope", {}, 404, u"ent_nope"_s);
        add("users: sort by handle", "GET", "/api/v2/users?sort=handle", {}, 400,
            u"Invalid sort \"handle\""_s);
        add("users: too many emails", "GET",
            "/api/v2/users?email.anyOf=" + QByteArrayList(101, "a@b.c").join(','), {}, 400,
            u"email.anyOf takes at most 100"_s);
        add("teams: unknown team", "GET", "/api/v2/teams/team_nope", {}, 404, u"team_nope"_s);
        add("teams: bad date filter", "GET", "/api/v2/teams?modifiedAt=yesterday", {}, 400,
            u"Invalid date filter \"yesterday\""_s);
        add("teams: garbage nextToken", "GET", "/api/v2/teams?nextToken=!!", {}, 400,
            u"Invalid nextToken"_s);

        // Blobs (BlobCreate, BlobPartCreate, BlobComplete: additionalProperties false).
        const QByteArray Bl = "/api/v2/blobs";
        const QByteArray partOne =
            "\"data64\":\"cGFydCBvbmU=\",\"md5\":\"3303e12af474ca11d85ed2966a932992\"";
        add("blob: md5 of other bytes", "POST", Bl,
            "{\"name\":\"a\",\"type\":\"RAW_FILE\",\"data64\":\"SGVsbG8sIEJlbmNodG9wIQ==\","
            "\"md5\":\"3303e12af474ca11d85ed2966a932992\"}",
            400, u"does not match the MD5 of the data received"_s);
        add("blob: md5 of the base64 text", "POST", Bl,
            "{\"name\":\"a\",\"type\":\"RAW_FILE\",\"data64\":\"cGFydCBvbmU=\",\"md5\":"
            "\"3649824b0b26626da173e6a23641ae0b\"}",
            400, u"does not match"_s);
        add("blob: data64 that is not base64", "POST", Bl,
            "{\"name\":\"a\",\"type\":\"RAW_FILE\",\"data64\":\"@@@\",\"md5\":\"x\"}", 400,
            u"Field 'data64' is not valid base64"_s);
        add("blob: unknown field (BlobCreate)", "POST", Bl,
            "{\"name\":\"a\",\"type\":\"RAW_FILE\"," + partOne + ",\"size\":8}", 400,
            u"Field 'size' is not a field of this request"_s);
        add("blob: unknown type", "POST", Bl,
            "{\"name\":\"a\",\"type\":\"PICTURE\"," + partOne + "}", 400,
            u"Field 'type' must be one of RAW_FILE, VISUALIZATION, not \"PICTURE\""_s);
        add("blob: no md5", "POST", Bl,
            "{\"name\":\"a\",\"type\":\"RAW_FILE\",\"data64\":\"cGFydCBvbmU=\"}", 400,
            u"Field 'md5' is required"_s);
        add("blob: empty name", "POST", Bl, "{\"name\":\"\",\"type\":\"RAW_FILE\"," + partOne + "}",
            400, u"Field 'name' must not be empty"_s);
        add("blob: multipart with an unknown field", "POST", Bl + ":start-multipart-upload",
            "{\"name\":\"a\",\"type\":\"RAW_FILE\",\"parts\":3}", 400,
            u"Field 'parts' is not a field of this request"_s);
        add("blob part: md5 mismatch", "POST", Bl + "/{openBlob}/parts",
            "{\"partNumber\":2,\"data64\":\"cGFydCBvbmU=\",\"md5\":"
            "\"63177e44441f78bb230f044e6b04e5f3\"}",
            400, u"does not match"_s);
        add("blob part: part number 0", "POST", Bl + "/{openBlob}/parts",
            "{\"partNumber\":0," + partOne + "}", 400,
            u"Field 'partNumber' must be a whole number from 1 to 10000"_s);
        add("blob part: part number 10001", "POST", Bl + "/{openBlob}/parts",
            "{\"partNumber\":10001," + partOne + "}", 400, u"from 1 to 10000"_s);
        add("blob part: part number is a string", "POST", Bl + "/{openBlob}/parts",
            "{\"partNumber\":\"1\"," + partOne + "}", 400,
            u"Field 'partNumber' must be a number, not a string"_s);
        add("blob part: for a completed blob", "POST", Bl + "/{blob}/parts",
            "{\"partNumber\":1," + partOne + "}", 400, u"its uploadStatus is COMPLETE"_s);
        add("blob part: for an unknown blob", "POST", Bl + "/blob_nope/parts",
            "{\"partNumber\":1," + partOne + "}", 404, u"blob_nope"_s);
        add("blob complete: wrong eTag", "POST", Bl + "/{openBlob}:complete-upload",
            "{\"parts\":[{\"partNumber\":1,\"eTag\":\"0000\"}]}", 400,
            u"eTag 0000 does not match the part received"_s);
        add("blob complete: a part never uploaded", "POST", Bl + "/{openBlob}:complete-upload",
            "{\"parts\":[{\"partNumber\":7,\"eTag\":\"{openETag}\"}]}", 400,
            u"Part 7 of blob {openBlob} was never uploaded"_s);
        // (Order is checked part by part, after the size rule of the earlier parts, so a
        // part number below 1 is the order violation a small upload can show.)
        add("blob complete: part number 0", "POST", Bl + "/{openBlob}:complete-upload",
            "{\"parts\":[{\"partNumber\":0,\"eTag\":\"{openETag}\"}]}", 400, u"ascending order"_s);
        add("blob complete: a small part before the last", "POST",
            Bl + "/{openBlob}:complete-upload",
            "{\"parts\":[{\"partNumber\":1,\"eTag\":\"{openETag}\"},{\"partNumber\":2,\"eTag\":"
            "\"{openETag}\"}]}",
            400, u"Part 1 holds 8 bytes; every part but the last must hold at least 5 MiB"_s);
        add("blob complete: no parts", "POST", Bl + "/{openBlob}:complete-upload", "{\"parts\":[]}",
            400, u"Field 'parts' must list the parts"_s);
        add("blob complete: a part with an unknown field", "POST",
            Bl + "/{openBlob}:complete-upload",
            "{\"parts\":[{\"partNumber\":1,\"eTag\":\"{openETag}\",\"size\":8}]}", 400,
            u"Field 'size' is not a field of this request"_s);
        add("blob complete: parts is an object", "POST", Bl + "/{openBlob}:complete-upload",
            "{\"parts\":{}}", 400, u"Field 'parts' must be an array, not an object"_s);
        add("blob complete: an already complete blob", "POST", Bl + "/{blob}:complete-upload",
            "{\"parts\":[{\"partNumber\":1,\"eTag\":\"{openETag}\"}]}", 400,
            u"its uploadStatus is COMPLETE"_s);
        add("blob abort: an already complete blob", "POST", Bl + "/{blob}:abort-upload", {}, 400,
            u"its uploadStatus is COMPLETE"_s);
        add("blob abort: with a body", "POST", Bl + "/{openBlob}:abort-upload", "{\"force\":true}",
            400, u"Field 'force' is not a field of this request"_s);
        add("blob: unknown blob", "GET", Bl + "/blob_nope", {}, 404,
            u"No blob has the id blob_nope"_s);
        add("blob: download URL of an upload in progress", "GET", Bl + "/{openBlob}/download-url",
            {}, 400, u"its uploadStatus is IN_PROGRESS"_s);
        add("blob: download with a forged signature", "GET",
            Bl + "/{blob}/download?expires=9999999999&signature=00", {}, 403,
            u"invalid or has expired"_s, "");
        add("blob: download without a key", "GET", Bl + "/{blob}/download", {}, 401,
            u"Authentication failed"_s, "");
        add("blob: bulk get an unknown blob", "GET", Bl + ":bulk-get?blobIds={blob},blob_nope", {},
            400, u"No blobs exist with these blobIds: blob_nope"_s);
        add("blob: bulk get with nothing named", "GET", Bl + ":bulk-get", {}, 400,
            u"Name the blobs to get with blobIds"_s);
        add("session: without credentials", "GET", "/api/v2/benchtop/session", {}, 401,
            u"Authentication failed"_s, "");
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
        // ...and a change that touches only the inventory side tables.
        const QByteArray beforeContents = checksum();
        QCOMPARE(
            api.patch(
                   u"/containers/"_s + m_values[u"tube2"_s] + u"/contents/"_s + m_values[u"dna"_s],
                   {{u"concentration"_s, QJsonObject{{u"value"_s, 1}, {u"units"_s, u"ng/uL"_s}}}})
                .status,
            200);
        QVERIFY(checksum() != beforeContents);
        // ...a part upload (blob_parts only: the blob row itself is not touched)...
        const QByteArray beforePart = checksum();
        QCOMPARE(api.post(u"/blobs/"_s + m_values[u"openBlob"_s] + u"/parts"_s,
                          {{u"partNumber"_s, 1},
                           {u"data64"_s, u"SGVsbG8sIEJlbmNodG9wIQ=="_s},
                           {u"md5"_s, u"63177e44441f78bb230f044e6b04e5f3"_s}})
                     .status,
                 200);
        QVERIFY(checksum() != beforePart);
        // ...and notes linking a user (the entry row and the entry_links index).
        const QByteArray beforeDays = checksum();
        const QJsonObject note{
            {u"type"_s, u"text"_s},
            {u"text"_s, u"ask"_s},
            {u"links"_s,
             QJsonArray{QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, m_values[u"user"_s]}}}}};
        const QJsonObject days{
            {u"days"_s, QJsonArray{QJsonObject{{u"date"_s, u"2026-03-02"_s},
                                               {u"notes"_s, QJsonArray{note}}}}}};
        QCOMPARE(api.send("PUT", u"/entries/"_s + m_values[u"entry"_s] + u"/days"_s,
                          QJsonDocument(days).toJson(QJsonDocument::Compact))
                     .status,
                 200);
        QVERIFY(checksum() != beforeDays);
    }
};

QTEST_GUILESS_MAIN(TestServerBadInput)
#include "tst_server_badinput.moc"
