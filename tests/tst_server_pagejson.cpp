// Lists, bulk-get and box contents answer, for every location, box, plate and container, the
// very bytes GET by id answers: the demo lab plus rows made here to reach every branch of the
// JSON (contents, an entity that is gone, check-outs, sample owners with a duplicate and a
// deleted user, roles, archived rows, capacities, and more wells than one batch query takes).
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "server/storage/Database.h"

#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

namespace {

struct Family
{
    QString collection; // "boxes"
    QString listKey;    // "boxes"
    QString idsKey;     // "boxIds"
    QString kind;       // resources.kind
};

const QList<Family> kFamilies{
    {u"locations"_s, u"locations"_s, u"locationIds"_s, u"location"_s},
    {u"boxes"_s, u"boxes"_s, u"boxIds"_s, u"box"_s},
    {u"plates"_s, u"plates"_s, u"plateIds"_s, u"plate"_s},
    {u"containers"_s, u"containers"_s, u"containerIds"_s, u"container"_s},
};

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestServerPageJson : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    QString m_bench;     // a location with a capacity of 4, holding two boxes
    QStringList m_tubes; // contents; gone entity + owners + checked out; checked in; reserved
    QString m_roleWell;  // a well with a role and a content

    ApiTestClient &api() { return *m_api; }

    QVariant scalar(const QString &sql, const QVariantList &bindings = {})
    {
        QSqlQuery query = m_lab.database().exec(sql, bindings);
        return query.next() ? query.value(0) : QVariant();
    }

    QString schemaId(const QString &collection, const QString &listKey, const QString &name)
    {
        for (const QJsonValue &s :
             api().get(u"/"_s + collection + u"?pageSize=100"_s).json[listKey].toArray()) {
            if (s[u"name"_s].toString() == name)
                return s[u"id"_s].toString();
        }
        return {};
    }

    // POSTs and returns the new id (empty, with a warning, if refused).
    QString create(const QString &path, const QJsonObject &body)
    {
        const ApiResponse r = api().post(path, body);
        if (r.status != 201)
            qWarning() << "POST" << path << r.status << r.errorMessage();
        return r.json.value(u"id"_s).toString();
    }

    void ok(const ApiResponse &r)
    {
        if (r.status != 200)
            qWarning() << r.status << r.errorMessage();
        QCOMPARE(r.status, 200);
    }

    // GET by id's answer, as bytes.
    QByteArray getBody(const Family &family, const QString &id)
    {
        const ApiResponse r = api().get(u"/"_s + family.collection + u'/' + id);
        if (r.status != 200)
            qWarning() << "GET" << family.collection << id << r.status;
        return r.body;
    }

    void compareWithGet(const Family &family, const QJsonObject &item, const QString &where)
    {
        const QString id = item[u"id"_s].toString();
        const QByteArray listed = compact(item);
        const QByteArray got = getBody(family, id);
        if (listed != got) {
            QFAIL(qPrintable(u"%1 %2 differs from GET:\n  %3\n  %4"_s.arg(
                where, id, QString::fromUtf8(listed), QString::fromUtf8(got))));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        benchtop::server::Database &db = m_lab.database();
        const QString demoUser = scalar(u"SELECT id FROM users WHERE handle = 'demo'"_s).toString();
        QVERIFY(!demoUser.isEmpty());
        // Entities to hold, a user who will be deleted, and a location with a capacity.
        for (const auto &[id, name] : {std::pair{u"seq_pageJson1"_s, u"pPage-A"_s},
                                       std::pair{u"seq_pageJson2"_s, u"pPage-B"_s}}) {
            db.exec(u"INSERT INTO resources (id, kind, name, name_folded, created_at, "
                    "modified_at, data) VALUES (?, 'dna_sequence', ?, ?, "
                    "'2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '{}')"_s,
                    {id, name, name.toLower()});
        }
        db.exec(u"INSERT INTO users (id, handle, name, created_at, modified_at) VALUES "
                "('ent_pageGone', 'gone', 'Gone User', '2024-01-01T00:00:00.000Z', "
                "'2024-01-01T00:00:00.000Z')"_s);
        const QString rack =
            scalar(u"SELECT id FROM resources WHERE barcode = 'FRZ-001-S3-RA'"_s).toString();
        QVERIFY(!rack.isEmpty());
        const QString &bench = m_bench = create(
            u"/locations"_s, {{u"name"_s, u"Page bench rack"_s},
                              {u"schemaId"_s, schemaId(u"location-schemas"_s, u"locationSchemas"_s,
                                                       u"Bench rack (4 boxes)"_s)},
                              {u"parentStorageId"_s, rack}});
        const QString tube = schemaId(u"container-schemas"_s, u"containerSchemas"_s, u"Tube"_s);
        const QString box9 = schemaId(u"box-schemas"_s, u"boxSchemas"_s, u"9×9 box"_s);
        const QString wellPlate =
            schemaId(u"plate-schemas"_s, u"plateSchemas"_s, u"96-well plate"_s);
        QVERIFY(!bench.isEmpty() && !tube.isEmpty() && !box9.isEmpty() && !wellPlate.isEmpty());

        const QString box = create(
            u"/boxes"_s,
            {{u"name"_s, u"Page box"_s}, {u"schemaId"_s, box9}, {u"parentStorageId"_s, bench}});
        QStringList &tubes = m_tubes;
        for (int i = 0; i < 5; ++i) {
            tubes.append(create(u"/containers"_s, {{u"name"_s, u"Page tube %1"_s.arg(i)},
                                                   {u"schemaId"_s, tube},
                                                   {u"parentStorageId"_s, box}}));
        }
        tubes.append(create(u"/containers"_s, {{u"name"_s, u"Loose page tube"_s},
                                               {u"schemaId"_s, tube},
                                               {u"barcode"_s, u"PAGE-LOOSE"_s}}));
        QVERIFY(!tubes.contains(QString()));
        // Two contents (listed in entity order) and one whose entity no longer exists.
        for (const QString &entity : {u"seq_pageJson2"_s, u"seq_pageJson1"_s}) {
            ok(api().patch(
                u"/containers/"_s + tubes[0] + u"/contents/"_s + entity,
                {{u"concentration"_s, QJsonObject{{u"value"_s, 12.5}, {u"units"_s, u"ng/uL"_s}}}}));
        }
        db.exec(u"INSERT INTO container_contents (container_id, entity_id) VALUES (?, "
                "'seq_pageGone')"_s,
                {tubes[1]});
        ok(api().patch(u"/containers/"_s + tubes[1],
                       {{u"quantity"_s, QJsonObject{{u"value"_s, 40}, {u"units"_s, u"uL"_s}}},
                        {u"sampleOwnerIds"_s, QJsonArray{demoUser, u"ent_pageGone"_s, demoUser}},
                        {u"restrictedSamplePartyIds"_s, QJsonArray{demoUser}},
                        {u"restrictionStatus"_s, u"RESTRICTED"_s}}));
        db.exec(u"DELETE FROM users WHERE id = 'ent_pageGone'"_s);
        // Checked out, reserved, checked back in (a record with a comment), and untouched.
        ok(api().post(u"/containers:check-out"_s,
                      {{u"containerIds"_s, QJsonArray{tubes[1], tubes[2]}},
                       {u"assigneeId"_s, demoUser},
                       {u"comment"_s, u"for the page"_s}}));
        ok(api().post(u"/containers:reserve"_s,
                      {{u"containerIds"_s, QJsonArray{tubes[3]}}, {u"assigneeId"_s, demoUser}}));
        ok(api().post(u"/containers:check-in"_s,
                      {{u"containerIds"_s, QJsonArray{tubes[2]}}, {u"comments"_s, u"back"_s}}));
        ok(api().post(u"/containers:archive"_s,
                      {{u"containerIds"_s, QJsonArray{tubes[4]}}, {u"reason"_s, u"Expended"_s}}));

        // Six well plates: more wells on one page of plates than one batch query takes.
        QStringList plates;
        for (int i = 0; i < 6; ++i) {
            plates.append(create(u"/plates"_s, {{u"name"_s, u"Page plate %1"_s.arg(i)},
                                                {u"schemaId"_s, wellPlate},
                                                {u"parentStorageId"_s, rack}}));
        }
        QVERIFY(!plates.contains(QString()));
        const QJsonObject wells = api().get(u"/plates/"_s + plates[0]).json[u"wells"_s].toObject();
        const QString &a1 = m_roleWell = wells[u"A1"_s][u"id"_s].toString();
        QVERIFY(!a1.isEmpty());
        ok(api().patch(u"/containers/"_s + a1,
                       {{u"role"_s, QJsonObject{{u"type"_s, u"POSITIVE_CONTROL"_s}}}}));
        ok(api().patch(
            u"/containers/"_s + a1 + u"/contents/"_s + u"seq_pageJson1"_s,
            {{u"concentration"_s, QJsonObject{{u"value"_s, 3}, {u"units"_s, u"uM"_s}}}}));
        // The last well of every plate holds something and is reserved, so some lie past the
        // first batch of a page's wells.
        for (const QString &plate : std::as_const(plates)) {
            const QString h12 =
                api().get(u"/plates/"_s + plate).json[u"wells"_s][u"H12"_s][u"id"_s].toString();
            ok(api().patch(
                u"/containers/"_s + h12 + u"/contents/seq_pageJson2"_s,
                {{u"concentration"_s, QJsonObject{{u"value"_s, 1}, {u"units"_s, u"uM"_s}}}}));
            ok(api().post(u"/containers:reserve"_s,
                          {{u"containerIds"_s, QJsonArray{h12}}, {u"assigneeId"_s, demoUser}}));
        }
        ok(api().post(u"/plates:archive"_s,
                      {{u"plateIds"_s, QJsonArray{plates[5]}}, {u"reason"_s, u"Retired"_s}}));
        const QString archivedBox = create(u"/boxes"_s, {{u"name"_s, u"Archived page box"_s},
                                                         {u"schemaId"_s, box9},
                                                         {u"parentStorageId"_s, bench}});
        create(u"/containers"_s, {{u"name"_s, u"Tube in an archived box"_s},
                                  {u"schemaId"_s, tube},
                                  {u"parentStorageId"_s, archivedBox}});
        ok(api().post(u"/boxes:archive"_s,
                      {{u"boxIds"_s, QJsonArray{archivedBox}}, {u"reason"_s, u"Retired"_s}}));
        const QString archivedShelf = create(
            u"/locations"_s, {{u"name"_s, u"Archived page shelf"_s},
                              {u"schemaId"_s, schemaId(u"location-schemas"_s, u"locationSchemas"_s,
                                                       u"Bench rack (4 boxes)"_s)}});
        ok(api().post(u"/locations:archive"_s, {{u"locationIds"_s, QJsonArray{archivedShelf}},
                                                {u"reason"_s, u"Retired"_s}}));
    }

    // The rows made above reach the branches of the JSON the comparisons below are about.
    void dataReachesEveryBranch()
    {
        const QJsonObject held = api().get(u"/containers/"_s + m_tubes[0]).json;
        QCOMPARE(held[u"contents"_s][0][u"entity"_s][u"id"_s].toString(), u"seq_pageJson1"_s);
        QCOMPARE(held[u"contents"_s][1][u"entity"_s][u"id"_s].toString(), u"seq_pageJson2"_s);
        QCOMPARE(held[u"parentStorageSchema"_s][u"name"_s].toString(), u"9×9 box"_s);
        const QJsonObject owned = api().get(u"/containers/"_s + m_tubes[1]).json;
        QCOMPARE(owned[u"contents"_s][0][u"entity"_s][u"resourceType"_s].toString(),
                 u"inaccessible_resource"_s);
        QCOMPARE(owned[u"sampleOwners"_s].toArray().size(), 2);
        QCOMPARE(owned[u"checkoutRecord"_s][u"status"_s].toString(), u"CHECKED_OUT"_s);
        QCOMPARE(owned[u"checkoutRecord"_s][u"assignee"_s][u"handle"_s].toString(), u"demo"_s);
        const QJsonObject back = api().get(u"/containers/"_s + m_tubes[2]).json;
        QCOMPARE(back[u"checkoutRecord"_s][u"comment"_s].toString(), u"back"_s);
        QCOMPARE(api()
                     .get(u"/containers/"_s + m_tubes[3])
                     .json[u"checkoutRecord"_s][u"status"_s]
                     .toString(),
                 u"RESERVED"_s);
        const QJsonObject well = api().get(u"/containers/"_s + m_roleWell).json;
        QCOMPARE(well[u"role"_s][u"type"_s].toString(), u"POSITIVE_CONTROL"_s);
        QCOMPARE(well[u"restrictionStatus"_s].toString(), u"NOT_APPLICABLE"_s);
        QVERIFY(well[u"parentStorageId"_s].toString().endsWith(u":A1"_s));
        const QJsonObject bench = api().get(u"/locations/"_s + m_bench).json;
        QCOMPARE(bench[u"totalCapacity"_s].toInt(), 4);
        QCOMPARE(bench[u"occupiedCapacity"_s].toInt(), 2);
    }

    // Every row of every family, through every page of its list, equals its GET.
    void listMatchesGet_data()
    {
        QTest::addColumn<int>("family");
        QTest::addColumn<QString>("sort");
        for (int i = 0; i < kFamilies.size(); ++i) {
            QTest::newRow(qPrintable(kFamilies[i].collection)) << i << QString();
            QTest::newRow(qPrintable(kFamilies[i].collection + u" by name"_s)) << i << u"name"_s;
        }
    }
    void listMatchesGet()
    {
        QFETCH(int, family);
        QFETCH(QString, sort);
        const Family &f = kFamilies[family];
        const int total =
            scalar(u"SELECT COUNT(*) FROM resources WHERE kind = ?"_s, {f.kind}).toInt();
        QVERIFY(total > 0);
        QString query =
            u"/"_s + f.collection + u"?pageSize=37&archiveReason=ANY_ARCHIVED_OR_NOT_ARCHIVED"_s;
        if (!sort.isEmpty())
            query += u"&sort="_s + sort;
        QSet<QString> seen;
        QString token;
        int pages = 0;
        do {
            const ApiResponse page =
                api().get(query + (token.isEmpty() ? QString() : u"&nextToken="_s + token));
            QCOMPARE(page.status, 200);
            for (const QJsonValue &item : page.json[f.listKey].toArray()) {
                seen.insert(item[u"id"_s].toString());
                compareWithGet(f, item.toObject(), u"list"_s);
            }
            token = page.json[u"nextToken"_s].toString();
            QVERIFY(++pages < 1000);
        } while (!token.isEmpty());
        QCOMPARE(int(seen.size()), total);
    }

    // Bulk-get by ids (100 at a time) answers each row as GET does.
    void bulkGetMatchesGet()
    {
        for (const Family &f : kFamilies) {
            QStringList ids;
            QSqlQuery query = m_lab.database().exec(
                u"SELECT id FROM resources WHERE kind = ? ORDER BY id"_s, {f.kind});
            while (query.next())
                ids.append(query.value(0).toString());
            int answered = 0;
            for (qsizetype from = 0; from < ids.size(); from += 100) {
                const ApiResponse r = api().get(u"/"_s + f.collection + u":bulk-get?"_s + f.idsKey +
                                                u'=' + ids.mid(from, 100).join(u','));
                QCOMPARE(r.status, 200);
                for (const QJsonValue &item : r.json[f.listKey].toArray()) {
                    compareWithGet(f, item.toObject(), u"bulk-get"_s);
                    ++answered;
                }
            }
            QCOMPARE(answered, int(ids.size()));
        }
    }

    // A box's contents and a plate's wells are the containers' own JSON (plus, for a box,
    // gridNumber and gridPosition; for a well, resourceType and no null barcode).
    void contentsAndWellsMatchGet()
    {
        const Family &containers = kFamilies[3];
        QSqlQuery boxes = m_lab.database().exec(u"SELECT id FROM resources WHERE kind = 'box'"_s);
        QStringList boxIds;
        while (boxes.next())
            boxIds.append(boxes.value(0).toString());
        int tubes = 0;
        for (const QString &box : std::as_const(boxIds)) {
            const ApiResponse r = api().get(u"/boxes/"_s + box + u"/contents?pageSize=100"_s);
            QCOMPARE(r.status, 200);
            for (const QJsonValue &item : r.json[u"containers"_s].toArray()) {
                QJsonObject json = item.toObject();
                QVERIFY(json.contains(u"gridNumber"_s) && json.contains(u"gridPosition"_s));
                json.remove(u"gridNumber"_s);
                json.remove(u"gridPosition"_s);
                compareWithGet(containers, json, u"box contents of "_s + box);
                ++tubes;
            }
        }
        QVERIFY(tubes > 20);
        const ApiResponse plates =
            api().get(u"/plates?pageSize=100&archiveReason=ANY_ARCHIVED_OR_NOT_ARCHIVED"_s);
        int wells = 0;
        for (const QJsonValue &plate : plates.json[u"plates"_s].toArray()) {
            const QJsonObject byPosition = plate[u"wells"_s].toObject();
            for (auto it = byPosition.begin(); it != byPosition.end(); ++it) {
                QJsonObject json = it.value().toObject();
                QCOMPARE(json.take(u"resourceType"_s).toString(), u"container"_s);
                if (!json.contains(u"barcode"_s))
                    json.insert(u"barcode"_s, QJsonValue::Null);
                compareWithGet(containers, json, u"wells of "_s + plate[u"id"_s].toString());
                ++wells;
            }
        }
        QVERIFY(wells > 6 * 96);
    }
};

QTEST_GUILESS_MAIN(TestServerPageJson)
#include "tst_server_pagejson.moc"
