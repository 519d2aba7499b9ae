// The inventory part of the lab server over real HTTP: schemas and the registry, boxes, plates,
// containers, moves and their refusals (each checked against the database: nothing changed),
// bulk tasks, check-out, contents, transfers, barcode validation, archive cascades, and two
// clients racing for one box position.
#include "ApiTestClient.h"
#include "TestLabServer.h"
#include "server/storage/Database.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

class TestServerInventory : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    QString m_rack;      // an empty freezer rack (unlimited)
    QString m_otherRack; // another one
    QString m_entity;    // a resource tubes can hold
    QString m_entity2;

    ApiTestClient &api() { return *m_api; }

    QVariant scalar(const QString &sql, const QVariantList &bindings = {})
    {
        QSqlQuery query = m_lab.database().exec(sql, bindings);
        return query.next() ? query.value(0) : QVariant();
    }
    // parent_id|position|archive_reason|barcode|name|data of one resource, to compare before and
    // after.
    QString snapshot(const QString &id)
    {
        QSqlQuery query = m_lab.database().exec(
            u"SELECT parent_id, position, archive_reason, barcode, name, data, modified_at FROM "
            "resources WHERE id = ?"_s,
            {id});
        if (!query.next())
            return u"<missing>"_s;
        QStringList parts;
        for (int i = 0; i < 7; ++i)
            parts.append(query.value(i).isNull() ? u"NULL"_s : query.value(i).toString());
        return parts.join(u'|');
    }
    int resourceCount() { return scalar(u"SELECT COUNT(*) FROM resources"_s).toInt(); }

    QString schemaId(const QString &collection, const QString &name)
    {
        const ApiResponse r = api().get(u"/"_s + collection + u"?pageSize=100"_s);
        const QString key = collection == u"box-schemas"_s         ? u"boxSchemas"_s
                            : collection == u"plate-schemas"_s     ? u"plateSchemas"_s
                            : collection == u"container-schemas"_s ? u"containerSchemas"_s
                                                                   : u"locationSchemas"_s;
        for (const QJsonValue &s : r.json.value(key).toArray()) {
            if (s[u"name"_s].toString() == name)
                return s[u"id"_s].toString();
        }
        return {};
    }
    QString tubeSchema() { return schemaId(u"container-schemas"_s, u"Tube"_s); }

    QString createBox(const QString &name, const QString &parent,
                      const QString &schema = u"9×9 box"_s, const QString &barcode = {})
    {
        QJsonObject body{{u"name"_s, name},
                         {u"schemaId"_s, schemaId(u"box-schemas"_s, schema)},
                         {u"parentStorageId"_s, parent}};
        if (!barcode.isEmpty())
            body.insert(u"barcode"_s, barcode);
        const ApiResponse r = api().post(u"/boxes"_s, body);
        if (r.status != 201)
            qWarning() << "createBox" << r.status << r.errorMessage();
        return r.json.value(u"id"_s).toString();
    }
    QString createTube(const QString &name, const QString &parent, const QString &barcode = {})
    {
        QJsonObject body{{u"name"_s, name}, {u"schemaId"_s, tubeSchema()}};
        if (!parent.isEmpty())
            body.insert(u"parentStorageId"_s, parent);
        if (!barcode.isEmpty())
            body.insert(u"barcode"_s, barcode);
        const ApiResponse r = api().post(u"/containers"_s, body);
        if (r.status != 201)
            qWarning() << "createTube" << r.status << r.errorMessage();
        return r.json.value(u"id"_s).toString();
    }
    QString locationId(const QString &name)
    {
        return scalar(u"SELECT id FROM resources WHERE kind = 'location' AND name = ?"_s, {name})
            .toString();
    }
    QString byBarcode(const QString &barcode)
    {
        return scalar(u"SELECT id FROM resources WHERE barcode = ?"_s, {barcode}).toString();
    }
    void setQuantity(const QString &id, double value, const QString &units)
    {
        const ApiResponse r =
            api().patch(u"/containers/"_s + id,
                        {{u"quantity"_s, QJsonObject{{u"value"_s, value}, {u"units"_s, units}}}});
        QCOMPARE(r.status, 200);
    }

    // Expects a 400 whose message contains every part, and `id` unchanged in the database.
    void expectRefusal(const ApiResponse &r, const QStringList &parts)
    {
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json[u"error"_s][u"type"_s].toString(), u"invalid_request_error"_s);
        for (const QString &part : parts) {
            if (!r.errorMessage().contains(part))
                QFAIL(qPrintable(u"message \"%1\" lacks \"%2\""_s.arg(r.errorMessage(), part)));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        m_rack = byBarcode(u"FRZ-001-S3-RA"_s);
        m_otherRack = byBarcode(u"FRZ-001-S3-RB"_s);
        QVERIFY(!m_rack.isEmpty() && !m_otherRack.isEmpty());
        // Entities a container can hold: any resource; two plasmid-like rows made here so the
        // suite does not depend on the sequence demo.
        for (const auto &[id, name] : {std::pair{u"seq_invTest01"_s, u"pTest-GFP"_s},
                                       std::pair{u"seq_invTest02"_s, u"pTest-RFP"_s}}) {
            m_lab.database().exec(u"INSERT INTO resources (id, kind, name, name_folded, "
                                  "created_at, modified_at, data) VALUES (?, 'dna_sequence', ?, ?, "
                                  "'2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '{}')"_s,
                                  {id, name, name.toLower()});
        }
        m_entity = u"seq_invTest01"_s;
        m_entity2 = u"seq_invTest02"_s;
    }

    void schemasAndRegistry()
    {
        const ApiResponse boxes = api().get(u"/box-schemas"_s);
        QCOMPARE(boxes.status, 200);
        QJsonObject nine;
        for (const QJsonValue &s : boxes.json[u"boxSchemas"_s].toArray())
            if (s[u"name"_s].toString() == u"9×9 box"_s)
                nine = s.toObject();
        QVERIFY(nine[u"id"_s].toString().startsWith(u"boxsch_"_s));
        QCOMPARE(nine[u"height"_s].toInt(), 9);
        QCOMPARE(nine[u"width"_s].toInt(), 9);
        QCOMPARE(nine[u"type"_s].toString(), u"box"_s);
        QCOMPARE(nine[u"containerSchema"_s][u"name"_s].toString(), u"Tube"_s);
        QCOMPARE(nine[u"registryId"_s].toString(), u"src_benchtop"_s);

        const ApiResponse one = api().get(u"/box-schemas/"_s + nine[u"id"_s].toString());
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json, nine);
        // A box schema is not a plate schema.
        QCOMPARE(api().get(u"/plate-schemas/"_s + nine[u"id"_s].toString()).status, 404);

        const ApiResponse plates = api().get(u"/plate-schemas"_s);
        QSet<QString> types;
        for (const QJsonValue &s : plates.json[u"plateSchemas"_s].toArray()) {
            types.insert(s[u"plateType"_s].toString());
            QCOMPARE(s[u"height"_s].toInt() * s[u"width"_s].toInt(), 96);
        }
        QCOMPARE(types, (QSet<QString>{u"well_plate"_s, u"matrix_plate"_s}));
        QVERIFY(!tubeSchema().isEmpty());

        // Location schemas page one at a time to the same set as one page.
        const ApiResponse all = api().get(u"/location-schemas?pageSize=100"_s);
        QStringList expected;
        for (const QJsonValue &s : all.json[u"locationSchemas"_s].toArray())
            expected.append(s[u"id"_s].toString());
        QVERIFY(expected.size() >= 5);
        QStringList walked;
        QString token;
        int pages = 0;
        do {
            const ApiResponse page =
                api().get(u"/location-schemas?pageSize=2"_s +
                          (token.isEmpty() ? QString() : u"&nextToken="_s + token));
            QCOMPARE(page.status, 200);
            for (const QJsonValue &s : page.json[u"locationSchemas"_s].toArray())
                walked.append(s[u"id"_s].toString());
            token = page.json[u"nextToken"_s].toString();
            ++pages;
        } while (!token.isEmpty() && pages < 20);
        QCOMPARE(walked, expected);
        QCOMPARE(pages, int((expected.size() + 1) / 2));
        QCOMPARE(api().get(u"/box-schemas?pageSize=0"_s).status, 400);

        const ApiResponse registries = api().get(u"/registries"_s);
        QCOMPARE(registries.json[u"registries"_s].toArray().size(), 1);
        const QString registry = registries.json[u"registries"_s][0][u"id"_s].toString();
        QCOMPARE(api().get(u"/registries/"_s + registry).json[u"name"_s].toString(),
                 u"Benchtop lab registry"_s);
        QCOMPARE(api().get(u"/registries/src_nope"_s).status, 404);
        QCOMPARE(api().get(u"/registries?name=Other"_s).json[u"registries"_s].toArray().size(), 0);
        const ApiResponse byRegistry =
            api().get(u"/registries/"_s + registry + u"/container-schemas"_s);
        QCOMPARE(byRegistry.status, 200);
        QCOMPARE(byRegistry.json[u"containerSchemas"_s].toArray().size(), 2);
        QCOMPARE(api()
                     .get(u"/registries/"_s + registry + u"/location-schemas"_s)
                     .json[u"locationSchemas"_s]
                     .toArray()
                     .size(),
                 expected.size());
    }

    void demoInventory()
    {
        const ApiResponse boxes = api().get(u"/boxes?names.anyOf=Plasmid%20minipreps"_s);
        QCOMPARE(boxes.status, 200);
        const QJsonObject box = boxes.json[u"boxes"_s][0].toObject();
        QCOMPARE(box[u"size"_s].toInt(), 81);
        QCOMPARE(box[u"filledPositions"_s].toInt(), 14);
        QCOMPARE(box[u"emptyPositions"_s].toInt(), 67);
        QCOMPARE(box[u"availableCapacity"_s].toInt(), 67);
        QCOMPARE(box[u"parentStorageId"_s].toString(), byBarcode(u"FRZ-001-S1-RA"_s));
        // Box contents in grid order, paged.
        QStringList positions;
        QList<int> numbers;
        QString token;
        do {
            const ApiResponse page =
                api().get(u"/boxes/"_s + box[u"id"_s].toString() + u"/contents?pageSize=5"_s +
                          (token.isEmpty() ? QString() : u"&nextToken="_s + token));
            QCOMPARE(page.status, 200);
            for (const QJsonValue &c : page.json[u"containers"_s].toArray()) {
                positions.append(c[u"gridPosition"_s].toString());
                numbers.append(c[u"gridNumber"_s].toInt());
                QCOMPARE(c[u"parentStorageId"_s].toString(), box[u"id"_s].toString());
            }
            token = page.json[u"nextToken"_s].toString();
        } while (!token.isEmpty());
        QCOMPARE(positions.size(), 14);
        QCOMPARE(positions.mid(0, 11),
                 (QStringList{u"A1"_s, u"A2"_s, u"A3"_s, u"A4"_s, u"A5"_s, u"A6"_s, u"A7"_s,
                              u"A8"_s, u"A9"_s, u"B1"_s, u"B2"_s}));
        QCOMPARE(numbers.first(), 1);
        QCOMPARE(numbers.at(9), 10);
        QCOMPARE(api().get(u"/boxes/box_nope/contents"_s).status, 404);

        const ApiResponse plates = api().get(u"/plates?sort=name"_s);
        QCOMPARE(plates.status, 200);
        const QJsonArray list = plates.json[u"plates"_s].toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject matrix = list[0].toObject();
        const QJsonObject wellPlate = list[1].toObject();
        QCOMPARE(wellPlate[u"type"_s].toString(), u"well_plate"_s);
        QCOMPARE(wellPlate[u"wells"_s].toObject().size(), 96);
        QVERIFY(wellPlate[u"totalCapacity"_s].isNull());
        const QJsonObject a1 = wellPlate[u"wells"_s][u"A1"_s].toObject();
        QVERIFY(a1[u"id"_s].toString().startsWith(u"con_"_s));
        QCOMPARE(a1[u"resourceType"_s].toString(), u"container"_s);
        QCOMPARE(a1[u"parentStorageId"_s].toString(), wellPlate[u"id"_s].toString() + u":A1"_s);
        QCOMPARE(a1[u"restrictionStatus"_s].toString(), u"NOT_APPLICABLE"_s);
        QCOMPARE(matrix[u"type"_s].toString(), u"matrix_plate"_s);
        QCOMPARE(matrix[u"totalCapacity"_s].toInt(), 96);
        QCOMPARE(matrix[u"occupiedCapacity"_s].toInt(), 8);
        // Plate has additionalProperties: false: exactly the spec's keys.
        QStringList keys = wellPlate.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{u"archiveRecord"_s, u"availableCapacity"_s, u"barcode"_s,
                                    u"createdAt"_s, u"creator"_s, u"fields"_s, u"id"_s,
                                    u"modifiedAt"_s, u"name"_s, u"occupiedCapacity"_s,
                                    u"parentStorageId"_s, u"projectId"_s, u"schema"_s,
                                    u"totalCapacity"_s, u"type"_s, u"webURL"_s, u"wells"_s}));
        QVERIFY(api().get(u"/locations/"_s + m_rack).json[u"totalCapacity"_s].isNull());
    }

    void boxes()
    {
        const QString id = createBox(u"Test box alpha"_s, m_rack, u"10×10 box"_s, u"BOX-T-ALPHA"_s);
        QVERIFY(id.startsWith(u"box_"_s));
        const ApiResponse got = api().get(u"/boxes/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json[u"size"_s].toInt(), 100);
        QCOMPARE(got.json[u"emptyContainers"_s].toInt(), 0);
        QCOMPARE(got.json[u"barcode"_s].toString(), u"BOX-T-ALPHA"_s);
        QCOMPARE(api().get(u"/boxes/box_nope"_s).status, 404);
        // Create refusals: unknown field, missing schema, wrong kind of schema.
        QCOMPARE(api().post(u"/boxes"_s, {{u"name"_s, u"x"_s}}).status, 400);
        QCOMPARE(
            api().post(u"/boxes"_s, {{u"schemaId"_s, tubeSchema()}, {u"color"_s, u"red"_s}}).status,
            400);
        expectRefusal(api().post(u"/boxes"_s, {{u"schemaId"_s, tubeSchema()}}),
                      {u"container"_s, u"box"_s});

        const ApiResponse patched =
            api().patch(u"/boxes/"_s + id,
                        {{u"name"_s, u"Test box beta"_s}, {u"parentStorageId"_s, m_otherRack}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json[u"name"_s].toString(), u"Test box beta"_s);
        QCOMPARE(patched.json[u"parentStorageId"_s].toString(), m_otherRack);

        const QString tube = createTube(u"Alpha tube"_s, id);
        const QString tube2 = createTube(u"Alpha tube 2"_s, id);
        api().patch(u"/containers/"_s + tube + u"/contents/"_s + m_entity,
                    {{u"concentration"_s, QJsonObject{{u"value"_s, 5}, {u"units"_s, u"ng/uL"_s}}}});
        const ApiResponse counted = api().get(u"/boxes/"_s + id);
        QCOMPARE(counted.json[u"filledPositions"_s].toInt(), 2);
        QCOMPARE(counted.json[u"emptyContainers"_s].toInt(), 1);

        // Filters.
        const auto names = [&](const QString &query) {
            QStringList found;
            for (const QJsonValue &b : api().get(u"/boxes?"_s + query).json[u"boxes"_s].toArray())
                found.append(b[u"name"_s].toString());
            found.sort();
            return found;
        };
        QCOMPARE(names(u"ancestorStorageId="_s + m_otherRack), QStringList{u"Test box beta"_s});
        QVERIFY(names(u"emptyPositions=98"_s).contains(u"Test box beta"_s));
        QVERIFY(!names(u"emptyPositions.lt=98"_s).contains(u"Test box beta"_s));
        QVERIFY(names(u"emptyPositions.gte=98&emptyContainers=1"_s).contains(u"Test box beta"_s));
        QCOMPARE(names(u"storageContentsIds="_s + m_entity), QStringList{u"Test box beta"_s});
        QCOMPARE(api().get(u"/boxes?emptyPositions=many"_s).status, 400);
        QCOMPARE(names(u"barcodes=BOX-T-ALPHA"_s), QStringList{u"Test box beta"_s});
        QCOMPARE(api().get(u"/boxes?barcodes=NOPE-1"_s).status, 400);
        // Paging by name.
        const ApiResponse first = api().get(u"/boxes?sort=name&pageSize=2"_s);
        QCOMPARE(first.json[u"boxes"_s].toArray().size(), 2);
        const ApiResponse second = api().get(u"/boxes?sort=name&pageSize=2&nextToken="_s +
                                             first.json[u"nextToken"_s].toString());
        QVERIFY(second.json[u"boxes"_s][0][u"name"_s].toString() >
                first.json[u"boxes"_s][1][u"name"_s].toString());

        // Bulk get by ids and by barcodes.
        const ApiResponse bulk = api().get(u"/boxes:bulk-get?boxIds="_s + id);
        QCOMPARE(bulk.json[u"boxes"_s].toArray().size(), 1);
        QCOMPARE(api()
                     .get(u"/boxes:bulk-get?barcodes=BOX-T-ALPHA,BOX-0001"_s)
                     .json[u"boxes"_s]
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(api().get(u"/boxes:bulk-get?boxIds=box_nope"_s).status, 400);

        // Archive cascades to the tubes; unarchive brings back the box.
        const ApiResponse archived = api().post(
            u"/boxes:archive"_s, {{u"boxIds"_s, QJsonArray{id}}, {u"reason"_s, u"Retired"_s}});
        QCOMPARE(archived.status, 200);
        QCOMPARE(archived.json[u"boxIds"_s].toArray(), QJsonArray{id});
        QStringList containers;
        for (const QJsonValue &c : archived.json[u"containerIds"_s].toArray())
            containers.append(c.toString());
        containers.sort();
        QStringList expected{tube, tube2};
        expected.sort();
        QCOMPARE(containers, expected);
        QCOMPARE(scalar(u"SELECT archive_reason FROM resources WHERE id = ?"_s, {tube}).toString(),
                 u"Retired"_s);
        QCOMPARE(api().get(u"/boxes/"_s + id).json[u"archiveRecord"_s][u"reason"_s].toString(),
                 u"Retired"_s);
        QVERIFY(!names(u""_s).contains(u"Test box beta"_s));
        QVERIFY(names(u"archiveReason=Retired"_s).contains(u"Test box beta"_s));
        QCOMPARE(api()
                     .post(u"/boxes:archive"_s,
                           {{u"boxIds"_s, QJsonArray{id}}, {u"reason"_s, u"Bored"_s}})
                     .status,
                 400);
        QCOMPARE(api().post(u"/boxes:unarchive"_s, {{u"boxIds"_s, QJsonArray{id}}}).status, 200);
        QVERIFY(api().get(u"/boxes/"_s + id).json[u"archiveRecord"_s].isNull());
    }

    void plates()
    {
        const QString schema = schemaId(u"plate-schemas"_s, u"96-well plate"_s);
        const ApiResponse created = api().post(
            u"/plates"_s,
            {{u"name"_s, u"Assay plate 7"_s},
             {u"schemaId"_s, schema},
             {u"parentStorageId"_s, m_rack},
             {u"barcode"_s, u"PLT-T-7"_s},
             {u"wells"_s, QJsonObject{{u"B2"_s, QJsonObject{{u"barcode"_s, u"PLT-T-7-B2"_s}}}}}});
        QCOMPARE(created.status, 201);
        const QString id = created.json[u"id"_s].toString();
        QVERIFY(id.startsWith(u"plt_"_s));
        QCOMPARE(created.json[u"wells"_s].toObject().size(), 96);
        QCOMPARE(created.json[u"wells"_s][u"B2"_s][u"barcode"_s].toString(), u"PLT-T-7-B2"_s);
        QCOMPARE(created.json[u"wells"_s][u"B2"_s][u"schema"_s][u"name"_s].toString(), u"Well"_s);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM resources WHERE parent_id = ?"_s, {id}).toInt(), 96);

        // A well outside the grid or an extra field: refused, nothing made.
        const int before = resourceCount();
        expectRefusal(
            api().post(u"/plates"_s, {{u"schemaId"_s, schema},
                                      {u"wells"_s, QJsonObject{{u"M1"_s, QJsonObject{}}}}}),
            {u"M1"_s, u"8 × 12"_s});
        QCOMPARE(api().post(u"/plates"_s, {{u"schemaId"_s, schema}, {u"size"_s, 96}}).status, 400);
        QCOMPARE(resourceCount(), before);

        const ApiResponse patched =
            api().patch(u"/plates/"_s + id, {{u"name"_s, u"Assay plate 8"_s}});
        QCOMPARE(patched.json[u"name"_s].toString(), u"Assay plate 8"_s);
        QCOMPARE(api()
                     .get(u"/plates:bulk-get?barcodes=PLT-T-7"_s)
                     .json[u"plates"_s][0][u"id"_s]
                     .toString(),
                 id);
        QCOMPARE(
            api().get(u"/plates?ancestorStorageId="_s + m_rack).json[u"plates"_s].toArray().size(),
            1);
        QCOMPARE(
            api().get(u"/plates?emptyContainers=96"_s).json[u"plates"_s][0][u"id"_s].toString(),
            id);

        // A well cannot move; nothing can be put onto a well plate.
        const QString b2 = created.json[u"wells"_s][u"B2"_s][u"id"_s].toString();
        const QString wellBefore = snapshot(b2);
        expectRefusal(api().patch(u"/containers/"_s + b2, {{u"parentStorageId"_s, m_rack}}),
                      {u"well"_s, u"cannot be moved"_s});
        QCOMPARE(snapshot(b2), wellBefore);
        const QString loose = createTube(u"Loose tube"_s, m_rack);
        const QString looseBefore = snapshot(loose);
        expectRefusal(api().patch(u"/containers/"_s + loose,
                                  {{u"parentStorageId"_s, QString(id + u":H12"_s)}}),
                      {u"well plate"_s});
        QCOMPARE(snapshot(loose), looseBefore);

        // Matrix plate: tubes move in like a box's.
        const QString matrixSchema = schemaId(u"plate-schemas"_s, u"96 matrix rack"_s);
        const ApiResponse matrix =
            api().post(u"/plates"_s, {{u"name"_s, u"Matrix T"_s}, {u"schemaId"_s, matrixSchema}});
        QCOMPARE(matrix.status, 201);
        QCOMPARE(matrix.json[u"wells"_s].toObject().size(), 0);
        const QString mid = matrix.json[u"id"_s].toString();
        QCOMPARE(
            api()
                .patch(u"/containers/"_s + loose, {{u"parentStorageId"_s, QString(mid + u":c5"_s)}})
                .status,
            200);
        const ApiResponse after = api().get(u"/plates/"_s + mid);
        QCOMPARE(after.json[u"occupiedCapacity"_s].toInt(), 1);
        QCOMPARE(after.json[u"wells"_s][u"C5"_s][u"id"_s].toString(), loose);
        QCOMPARE(api().get(u"/containers/"_s + loose).json[u"parentStorageId"_s].toString(),
                 mid + u":C5"_s);

        // Archiving the plate archives its wells.
        const ApiResponse archived =
            api().post(u"/plates:archive"_s, {{u"plateIds"_s, QJsonArray{id}},
                                              {u"reason"_s, u"Expended"_s},
                                              {u"shouldRemoveBarcodes"_s, true}});
        QCOMPARE(archived.status, 200);
        QCOMPARE(archived.json[u"containerIds"_s].toArray().size(), 96);
        QVERIFY(scalar(u"SELECT barcode FROM resources WHERE id = ?"_s, {b2}).isNull());
    }

    void containers()
    {
        const QString box = createBox(u"Container test box"_s, m_rack);
        const ApiResponse created =
            api().post(u"/containers"_s, {{u"name"_s, u"Tube C4"_s},
                                          {u"schemaId"_s, tubeSchema()},
                                          {u"barcode"_s, u"TUB-T-C4"_s},
                                          {u"parentStorageId"_s, QString(box + u":c4"_s)}});
        QCOMPARE(created.status, 201);
        const QString id = created.json[u"id"_s].toString();
        QVERIFY(id.startsWith(u"con_"_s));
        QCOMPARE(created.json[u"parentStorageId"_s].toString(), box);
        QCOMPARE(created.json[u"parentStorageSchema"_s][u"name"_s].toString(), u"9×9 box"_s);
        QCOMPARE(created.json[u"checkoutRecord"_s][u"status"_s].toString(), u"AVAILABLE"_s);
        QCOMPARE(scalar(u"SELECT position FROM resources WHERE id = ?"_s, {id}).toString(),
                 u"C4"_s);
        // No position: the first free one.
        const QString next = createTube(u"Tube auto"_s, box);
        QCOMPARE(scalar(u"SELECT position FROM resources WHERE id = ?"_s, {next}).toString(),
                 u"A1"_s);
        // Name defaults to the barcode.
        const ApiResponse unnamed = api().post(
            u"/containers"_s, {{u"schemaId"_s, tubeSchema()}, {u"barcode"_s, u"TUB-T-NONAME"_s}});
        QCOMPARE(unnamed.json[u"name"_s].toString(), u"TUB-T-NONAME"_s);
        QVERIFY(unnamed.json[u"parentStorageId"_s].isNull());
        QCOMPARE(api().post(u"/containers"_s, {{u"name"_s, u"x"_s}}).status, 400);
        QCOMPARE(api()
                     .post(u"/containers"_s,
                           {{u"schemaId"_s, tubeSchema()}, {u"quantity"_s, QJsonObject{}}})
                     .status,
                 400);

        // Quantity and the deprecated volume.
        const ApiResponse q =
            api().patch(u"/containers/"_s + id,
                        {{u"quantity"_s, QJsonObject{{u"value"_s, 1.5}, {u"units"_s, u"mL"_s}}}});
        QCOMPARE(q.status, 200);
        QCOMPARE(q.json[u"quantity"_s][u"value"_s].toDouble(), 1.5);
        QCOMPARE(q.json[u"volume"_s][u"units"_s].toString(), u"mL"_s);
        const ApiResponse mass =
            api().patch(u"/containers/"_s + id,
                        {{u"quantity"_s, QJsonObject{{u"value"_s, 2}, {u"units"_s, u"mg"_s}}}});
        QVERIFY(mass.json[u"volume"_s][u"value"_s].isNull());
        expectRefusal(
            api().patch(u"/containers/"_s + id,
                        {{u"volume"_s, QJsonObject{{u"value"_s, 2}, {u"units"_s, u"mg"_s}}}}),
            {u"volume.units"_s});
        expectRefusal(api().patch(u"/containers/"_s + id,
                                  {{u"quantity"_s,
                                    QJsonObject{{u"value"_s, 2}, {u"units"_s, u"buckets"_s}}}}),
                      {u"buckets"_s});

        // Lists and filters.
        const auto ids = [&](const QString &query) {
            QStringList found;
            const ApiResponse r = api().get(u"/containers?pageSize=100&"_s + query);
            for (const QJsonValue &c : r.json[u"containers"_s].toArray())
                found.append(c[u"id"_s].toString());
            found.sort();
            return found;
        };
        QStringList both{id, next};
        both.sort();
        QCOMPARE(ids(u"parentStorageIds="_s + box), both);
        QCOMPARE(ids(u"ancestorStorageId="_s + box), both);
        QVERIFY(ids(u"ancestorStorageId="_s +
                    scalar(u"SELECT parent_id FROM resources WHERE id = ?"_s, {m_rack}).toString())
                    .contains(id));
        QCOMPARE(ids(u"barcodes=TUB-T-C4"_s), QStringList{id});
        QCOMPARE(ids(u"names.anyOf=tube%20c4"_s), QStringList{id});
        QCOMPARE(ids(u"names.anyOf.caseSensitive=tube%20c4"_s), QStringList{});
        QCOMPARE(ids(u"nameIncludes=C4&schemaId="_s + tubeSchema()), QStringList{id});
        QCOMPARE(api().get(u"/containers?checkoutStatus=LOST"_s).status, 400);
        const ApiResponse paged = api().get(u"/containers?pageSize=3"_s);
        QCOMPARE(paged.json[u"containers"_s].toArray().size(), 3);
        QVERIFY(!paged.json[u"nextToken"_s].toString().isEmpty());

        // Bulk get by ids or barcodes.
        QCOMPARE(api()
                     .get(u"/containers:bulk-get?containerIds="_s + id + u","_s + next)
                     .json[u"containers"_s]
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(api()
                     .get(u"/containers:bulk-get?barcodes=TUB-T-C4"_s)
                     .json[u"containers"_s][0][u"id"_s]
                     .toString(),
                 id);
        expectRefusal(api().get(u"/containers:bulk-get?barcodes=TUB-NOPE"_s), {u"TUB-NOPE"_s});

        // Barcodes are unique across the registry (a box's barcode too).
        const int before = resourceCount();
        expectRefusal(api().post(u"/containers"_s,
                                 {{u"schemaId"_s, tubeSchema()}, {u"barcode"_s, u"BOX-0001"_s}}),
                      {u"BOX-0001"_s, u"already used"_s});
        QCOMPARE(resourceCount(), before);
        const QString snap = snapshot(next);
        expectRefusal(api().patch(u"/containers/"_s + next,
                                  {{u"name"_s, u"x"_s}, {u"barcode"_s, u"TUB-T-C4"_s}}),
                      {u"barcode"_s});
        QCOMPARE(snapshot(next), snap);

        // Archive and unarchive.
        const ApiResponse archived =
            api().post(u"/containers:archive"_s,
                       {{u"containerIds"_s, QJsonArray{next}}, {u"reason"_s, u"Contaminated"_s}});
        QCOMPARE(archived.status, 200);
        QCOMPARE(archived.json[u"containerIds"_s].toArray(), QJsonArray{next});
        QCOMPARE(ids(u"archiveReason=Contaminated"_s), QStringList{next});
        QCOMPARE(
            api().post(u"/containers:unarchive"_s, {{u"containerIds"_s, QJsonArray{next}}}).status,
            200);
    }

    void moveRefusals()
    {
        const QString box = createBox(u"Refusal box"_s, m_rack);
        const QString holder = createTube(u"Holder of B3"_s, box + u":B3"_s);
        const QString mover = createTube(u"Mover"_s, m_otherRack);
        QVERIFY(!holder.isEmpty() && !mover.isEmpty());
        const QString before = snapshot(mover);
        const auto refuse = [&](const QString &target, const QStringList &parts) {
            const ApiResponse r =
                api().patch(u"/containers/"_s + mover, {{u"parentStorageId"_s, target}});
            expectRefusal(r, parts);
            QCOMPARE(snapshot(mover), before);
        };
        refuse(box + u":B3"_s, {u"B3"_s, u"already occupied"_s, u"Holder of B3"_s, holder});
        refuse(box + u":J1"_s, {u"J1"_s, u"outside"_s, u"9 × 9"_s, u"I9"_s});
        refuse(box + u":A10"_s, {u"A10"_s, u"9 × 9"_s});
        refuse(box + u":3B"_s, {u"not a grid position"_s});
        refuse(u"loc_doesNotExist"_s, {u"loc_doesNotExist"_s, u"no location, box or plate"_s});
        refuse(holder, {u"container"_s, holder});
        refuse(m_rack + u":A1"_s, {u"no grid positions"_s});
        // Creating into an occupied spot leaves no row behind.
        const int count = resourceCount();
        expectRefusal(
            api().post(u"/containers"_s, {{u"schemaId"_s, tubeSchema()},
                                          {u"parentStorageId"_s, QString(box + u":b3"_s)}}),
            {u"already occupied"_s});
        QCOMPARE(resourceCount(), count);

        // An archived target.
        const QString archivedBox = createBox(u"Archived box"_s, m_rack);
        QCOMPARE(api()
                     .post(u"/boxes:archive"_s,
                           {{u"boxIds"_s, QJsonArray{archivedBox}}, {u"reason"_s, u"Retired"_s}})
                     .status,
                 200);
        refuse(archivedBox, {u"archived"_s, archivedBox});
        refuse(archivedBox + u":A1"_s, {u"archived"_s});

        // A box cannot go into a box.
        const QString boxBefore = snapshot(box);
        expectRefusal(api().patch(u"/boxes/"_s + box, {{u"parentStorageId"_s, archivedBox}}),
                      {u"A box can only be stored in a location"_s});
        QCOMPARE(snapshot(box), boxBefore);

        // A location into its own descendant (or itself): a cycle.
        const QString freezer = byBarcode(u"FRZ-002"_s);
        const QString freezerBefore = snapshot(freezer);
        const QString deepRack = byBarcode(u"FRZ-002-S2-RA"_s);
        expectRefusal(api().patch(u"/locations/"_s + freezer, {{u"parentStorageId"_s, deepRack}}),
                      {u"cycle"_s});
        expectRefusal(api().patch(u"/locations/"_s + freezer, {{u"parentStorageId"_s, freezer}}),
                      {u"cycle"_s});
        QCOMPARE(snapshot(freezer), freezerBefore);
        // A location may not go into a box.
        expectRefusal(api().patch(u"/locations/"_s + freezer, {{u"parentStorageId"_s, box}}),
                      {u"A location can only be stored in a location"_s});
        QCOMPARE(snapshot(freezer), freezerBefore);

        // A full box: fill a 9×9 box (one task), then one more is refused.
        const QString full = createBox(u"Full box"_s, m_rack);
        QJsonArray tubes;
        for (int i = 0; i < 81; ++i)
            tubes.append(QJsonObject{{u"name"_s, u"Filler %1"_s.arg(i)},
                                     {u"schemaId"_s, tubeSchema()},
                                     {u"parentStorageId"_s, full}});
        const ApiResponse bulk =
            api().post(u"/containers:bulk-create"_s, {{u"containers"_s, tubes}});
        QCOMPARE(bulk.status, 202);
        QCOMPARE(api().waitForTask(bulk.taskId())[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(api().get(u"/boxes/"_s + full).json[u"emptyPositions"_s].toInt(), 0);
        refuse(full, {u"full"_s, u"81"_s, u"9 × 9"_s});

        // A full location: a bench rack (its schema says 4) reports and enforces its capacity.
        const ApiResponse rack =
            api().post(u"/locations"_s,
                       {{u"name"_s, u"Bench rack BR-1"_s},
                        {u"schemaId"_s, schemaId(u"location-schemas"_s, u"Bench rack (4 boxes)"_s)},
                        {u"parentStorageId"_s, m_rack}});
        QCOMPARE(rack.status, 201);
        QCOMPARE(rack.json[u"totalCapacity"_s].toInt(), 4);
        QCOMPARE(rack.json[u"occupiedCapacity"_s].toInt(), 0);
        QCOMPARE(rack.json[u"availableCapacity"_s].toInt(), 4);
        QVERIFY(api().get(u"/locations/"_s + m_rack).json[u"totalCapacity"_s].isNull());
        const QString bench = rack.json[u"id"_s].toString();
        for (int i = 0; i < 3; ++i)
            QVERIFY(!createBox(u"Bench box %1"_s.arg(i), bench).isEmpty());
        QVERIFY(!createTube(u"Bench tube"_s, bench).isEmpty());
        QCOMPARE(api().get(u"/locations/"_s + bench).json[u"availableCapacity"_s].toInt(), 0);
        const int rows = resourceCount();
        expectRefusal(
            api().post(u"/boxes"_s, {{u"schemaId"_s, schemaId(u"box-schemas"_s, u"9×9 box"_s)},
                                     {u"parentStorageId"_s, bench}}),
            {u"full"_s, u"4 of 4"_s});
        QCOMPARE(resourceCount(), rows);
        refuse(bench, {u"full"_s, u"4 of 4"_s});
        // A sub-location does not count against capacity.
        QCOMPARE(api()
                     .post(u"/locations"_s,
                           {{u"name"_s, u"Bench shelf"_s},
                            {u"schemaId"_s, schemaId(u"location-schemas"_s, u"Shelf"_s)},
                            {u"parentStorageId"_s, bench}})
                     .status,
                 201);

        // And a good move still works, into a free position.
        const ApiResponse moved = api().patch(u"/containers/"_s + mover,
                                              {{u"parentStorageId"_s, QString(box + u":I9"_s)}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(scalar(u"SELECT position FROM resources WHERE id = ?"_s, {mover}).toString(),
                 u"I9"_s);
    }

    void bulkTasks()
    {
        const QString box = createBox(u"Bulk box"_s, m_rack);
        QJsonArray items;
        for (int i = 0; i < 3; ++i)
            items.append(QJsonObject{{u"name"_s, u"Bulk tube %1"_s.arg(i)},
                                     {u"schemaId"_s, tubeSchema()},
                                     {u"barcode"_s, u"TUB-BULK-%1"_s.arg(i)},
                                     {u"parentStorageId"_s, QString(box + u":A%1"_s.arg(i + 1))}});
        const ApiResponse created =
            api().post(u"/containers:bulk-create"_s, {{u"containers"_s, items}});
        QCOMPARE(created.status, 202);
        const QJsonObject task = api().waitForTask(created.taskId());
        QCOMPARE(task[u"status"_s].toString(), u"SUCCEEDED"_s);
        const QJsonArray made = task[u"response"_s][u"containers"_s].toArray();
        QCOMPARE(made.size(), 3);
        QCOMPARE(made[2][u"barcode"_s].toString(), u"TUB-BULK-2"_s);

        // One bad item (position taken) fails the whole task: nothing saved.
        const int before = resourceCount();
        QJsonArray bad{QJsonObject{{u"name"_s, u"Bulk ok"_s},
                                   {u"schemaId"_s, tubeSchema()},
                                   {u"parentStorageId"_s, QString(box + u":B1"_s)}},
                       QJsonObject{{u"name"_s, u"Bulk clash"_s},
                                   {u"schemaId"_s, tubeSchema()},
                                   {u"parentStorageId"_s, QString(box + u":A1"_s)}}};
        const QJsonObject failed = api().waitForTask(
            api().post(u"/containers:bulk-create"_s, {{u"containers"_s, bad}}).taskId());
        QCOMPARE(failed[u"status"_s].toString(), u"FAILED"_s);
        QCOMPARE(failed[u"errors"_s][0][u"index"_s].toInt(), 1);
        QVERIFY(failed[u"errors"_s][0][u"message"_s].toString().contains(u"already occupied"_s));
        QCOMPARE(resourceCount(), before);

        // Bulk update (items keyed by containerId): moves and quantities.
        const QString first = made[0][u"id"_s].toString();
        const QString second = made[1][u"id"_s].toString();
        const ApiResponse update = api().post(
            u"/containers:bulk-update"_s,
            {{u"containers"_s,
              QJsonArray{QJsonObject{{u"containerId"_s, first},
                                     {u"parentStorageId"_s, QString(box + u":E5"_s)}},
                         QJsonObject{{u"containerId"_s, second},
                                     {u"quantity"_s,
                                      QJsonObject{{u"value"_s, 30}, {u"units"_s, u"uL"_s}}}}}}});
        QCOMPARE(update.status, 202);
        const QJsonObject updated = api().waitForTask(update.taskId());
        QCOMPARE(updated[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(updated[u"response"_s][u"containers"_s].toArray().size(), 2);
        QCOMPARE(scalar(u"SELECT position FROM resources WHERE id = ?"_s, {first}).toString(),
                 u"E5"_s);
        // A failing bulk update changes nothing, not even its good items.
        const QString snapFirst = snapshot(first);
        const QString snapSecond = snapshot(second);
        const QJsonObject refused = api().waitForTask(
            api()
                .post(
                    u"/containers:bulk-update"_s,
                    {{u"containers"_s,
                      QJsonArray{QJsonObject{{u"containerId"_s, second}, {u"name"_s, u"Renamed"_s}},
                                 QJsonObject{{u"containerId"_s, first},
                                             {u"parentStorageId"_s, QString(box + u":Z9"_s)}}}}})
                .taskId());
        QCOMPARE(refused[u"status"_s].toString(), u"FAILED"_s);
        QVERIFY(refused[u"errors"_s][0][u"message"_s].toString().contains(u"outside"_s));
        QCOMPARE(snapshot(first), snapFirst);
        QCOMPARE(snapshot(second), snapSecond);
        QCOMPARE(api()
                     .post(u"/containers:bulk-update"_s,
                           {{u"containers"_s, QJsonArray{QJsonObject{{u"name"_s, u"x"_s}}}}})
                     .status,
                 400);
    }

    void checkout()
    {
        const QString a = createTube(u"Checkout A"_s, m_otherRack);
        const QString b = createTube(u"Checkout B"_s, m_otherRack);
        const QString user = scalar(u"SELECT id FROM users WHERE handle = 'demo'"_s).toString();
        const ApiResponse out =
            api().post(u"/containers:check-out"_s, {{u"containerIds"_s, QJsonArray{a, b}},
                                                    {u"assigneeId"_s, user},
                                                    {u"comment"_s, u"for the PCR"_s}});
        QCOMPARE(out.status, 200);
        QCOMPARE(out.json, QJsonObject());
        const QJsonObject record =
            api().get(u"/containers/"_s + a).json[u"checkoutRecord"_s].toObject();
        QCOMPARE(record[u"status"_s].toString(), u"CHECKED_OUT"_s);
        QCOMPARE(record[u"assignee"_s][u"handle"_s].toString(), u"demo"_s);
        QCOMPARE(record[u"comment"_s].toString(), u"for the PCR"_s);
        const auto listed = [&](const QString &query) {
            QStringList found;
            for (const QJsonValue &c : api()
                                           .get(u"/containers?pageSize=100&parentStorageIds="_s +
                                                m_otherRack + u"&"_s + query)
                                           .json[u"containers"_s]
                                           .toArray())
                found.append(c[u"id"_s].toString());
            return found.size();
        };
        QCOMPARE(listed(u"checkoutStatus=CHECKED_OUT"_s), 2);
        QCOMPARE(listed(u"checkoutAssigneeIds.anyOf="_s + user), 2);
        QCOMPARE(api()
                     .post(u"/containers:reserve"_s,
                           {{u"containerIds"_s, QJsonArray{b}}, {u"assigneeId"_s, user}})
                     .status,
                 200);
        QCOMPARE(listed(u"checkoutStatus=RESERVED"_s), 1);
        const ApiResponse in =
            api().post(u"/containers:check-in"_s,
                       {{u"containerIds"_s, QJsonArray{a}}, {u"comments"_s, u"back"_s}});
        QCOMPARE(in.status, 200);
        const QJsonObject back =
            api().get(u"/containers/"_s + a).json[u"checkoutRecord"_s].toObject();
        QCOMPARE(back[u"status"_s].toString(), u"AVAILABLE"_s);
        QVERIFY(back[u"assignee"_s].isNull());
        QCOMPARE(back[u"comment"_s].toString(), u"back"_s);
        QCOMPARE(listed(u"checkoutStatus=AVAILABLE,RESERVED"_s), 2);
        // Refusals change nothing.
        expectRefusal(api().post(u"/containers:check-out"_s, {{u"containerIds"_s, QJsonArray{a}},
                                                              {u"assigneeId"_s, u"ent_nobody"_s}}),
                      {u"ent_nobody"_s});
        expectRefusal(api().post(u"/containers:check-out"_s,
                                 {{u"containerIds"_s, QJsonArray{a, u"con_nope"_s}},
                                  {u"assigneeId"_s, user}}),
                      {u"con_nope"_s});
        QCOMPARE(
            api().post(u"/containers:check-out"_s, {{u"containerIds"_s, QJsonArray{a}}}).status,
            400);
        QCOMPARE(api().get(u"/containers/"_s + a).json[u"checkoutRecord"_s][u"status"_s].toString(),
                 u"AVAILABLE"_s);
    }

    void contents()
    {
        const QString tube = createTube(u"Contents tube"_s, m_otherRack);
        const QString path = u"/containers/"_s + tube + u"/contents/"_s;
        const ApiResponse added = api().patch(
            path + m_entity,
            {{u"concentration"_s, QJsonObject{{u"value"_s, 12.5}, {u"units"_s, u"ng/uL"_s}}}});
        QCOMPARE(added.status, 200);
        QCOMPARE(added.json[u"entity"_s][u"id"_s].toString(), m_entity);
        QCOMPARE(added.json[u"entity"_s][u"name"_s].toString(), u"pTest-GFP"_s);
        QCOMPARE(added.json[u"concentration"_s][u"value"_s].toDouble(), 12.5);
        QVERIFY(added.json[u"batch"_s].isNull());
        QCOMPARE(api()
                     .patch(path + m_entity2,
                            {{u"concentration"_s,
                              QJsonObject{{u"value"_s, QJsonValue()}, {u"units"_s, QJsonValue()}}}})
                     .status,
                 200);
        const ApiResponse list = api().get(u"/containers/"_s + tube + u"/contents"_s);
        QCOMPARE(list.json[u"contents"_s].toArray().size(), 2);
        QCOMPARE(api().get(u"/containers/"_s + tube).json[u"contents"_s].toArray().size(), 2);
        QCOMPARE(api()
                     .get(u"/containers?storageContentsIds="_s + m_entity2)
                     .json[u"containers"_s][0][u"id"_s]
                     .toString(),
                 tube);
        QCOMPARE(api().get(path + m_entity).json[u"concentration"_s][u"units"_s].toString(),
                 u"ng/uL"_s);
        // Half a measurement, an unknown entity, an unknown container: refused.
        QCOMPARE(api()
                     .patch(path + m_entity,
                            {{u"concentration"_s,
                              QJsonObject{{u"value"_s, 3}, {u"units"_s, QJsonValue()}}}})
                     .status,
                 400);
        QCOMPARE(
            api()
                .patch(path + u"seq_nope"_s,
                       {{u"concentration"_s, QJsonObject{{u"value"_s, 3}, {u"units"_s, u"uM"_s}}}})
                .status,
            404);
        QCOMPARE(api().get(u"/containers/con_nope/contents"_s).status, 404);
        QCOMPARE(api().send("DELETE", path + m_entity2).status, 204);
        QCOMPARE(api().get(path + m_entity2).status, 404);
        QCOMPARE(api().send("DELETE", path + m_entity2).status, 404);
        QCOMPARE(api()
                     .get(u"/containers/"_s + tube + u"/contents"_s)
                     .json[u"contents"_s]
                     .toArray()
                     .size(),
                 1);
    }

    void transfers()
    {
        const QString source = createTube(u"Transfer source"_s, m_otherRack);
        const QString destination = createTube(u"Transfer destination"_s, m_otherRack);
        setQuantity(source, 50, u"uL"_s);
        QCOMPARE(api()
                     .patch(u"/containers/"_s + source + u"/contents/"_s + m_entity,
                            {{u"concentration"_s,
                              QJsonObject{{u"value"_s, 100}, {u"units"_s, u"ng/uL"_s}}}})
                     .status,
                 200);
        const ApiResponse moved = api().post(
            u"/containers/"_s + destination + u":transfer"_s,
            {{u"sourceContainerId"_s, source},
             {u"transferQuantity"_s, QJsonObject{{u"value"_s, 10}, {u"units"_s, u"uL"_s}}},
             {u"destinationContents"_s, QJsonArray{}}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json, QJsonObject());
        const ApiResponse dest = api().get(u"/containers/"_s + destination);
        QCOMPARE(dest.json[u"quantity"_s][u"value"_s].toDouble(), 10.0);
        QCOMPARE(dest.json[u"contents"_s][0][u"entity"_s][u"id"_s].toString(), m_entity);
        QCOMPARE(api().get(u"/containers/"_s + source).json[u"quantity"_s][u"value"_s].toDouble(),
                 40.0);
        // In other units (mL into uL).
        QCOMPARE(api()
                     .post(u"/containers/"_s + destination + u":transfer"_s,
                           {{u"sourceContainerId"_s, source},
                            {u"transferQuantity"_s,
                             QJsonObject{{u"value"_s, 0.005}, {u"units"_s, u"mL"_s}}},
                            {u"destinationContents"_s, QJsonArray{}}})
                     .status,
                 200);
        QCOMPARE(
            api().get(u"/containers/"_s + destination).json[u"quantity"_s][u"value"_s].toDouble(),
            15.0);
        QCOMPARE(api().get(u"/containers/"_s + source).json[u"quantity"_s][u"value"_s].toDouble(),
                 35.0);

        // Too much, wrong units, two sources, no destinationContents: refused, nothing changed.
        const QString snapSource = snapshot(source);
        const QString snapDest = snapshot(destination);
        expectRefusal(api().post(u"/containers/"_s + destination + u":transfer"_s,
                                 {{u"sourceContainerId"_s, source},
                                  {u"transferQuantity"_s,
                                   QJsonObject{{u"value"_s, 36}, {u"units"_s, u"uL"_s}}},
                                  {u"destinationContents"_s, QJsonArray{}}}),
                      {u"35 uL"_s, u"36 uL"_s});
        expectRefusal(api().post(u"/containers/"_s + destination + u":transfer"_s,
                                 {{u"sourceContainerId"_s, source},
                                  {u"transferQuantity"_s,
                                   QJsonObject{{u"value"_s, 1}, {u"units"_s, u"mg"_s}}},
                                  {u"destinationContents"_s, QJsonArray{}}}),
                      {u"mg"_s});
        expectRefusal(api().post(u"/containers/"_s + destination + u":transfer"_s,
                                 {{u"sourceContainerId"_s, source},
                                  {u"sourceEntityId"_s, m_entity},
                                  {u"transferQuantity"_s,
                                   QJsonObject{{u"value"_s, 1}, {u"units"_s, u"uL"_s}}},
                                  {u"destinationContents"_s, QJsonArray{}}}),
                      {u"exactly one source"_s});
        QCOMPARE(api()
                     .post(u"/containers/"_s + destination + u":transfer"_s,
                           {{u"sourceContainerId"_s, source},
                            {u"transferQuantity"_s,
                             QJsonObject{{u"value"_s, 1}, {u"units"_s, u"uL"_s}}}})
                     .status,
                 400);
        expectRefusal(api().post(u"/containers/con_nope:transfer"_s,
                                 {{u"sourceContainerId"_s, source},
                                  {u"transferQuantity"_s,
                                   QJsonObject{{u"value"_s, 1}, {u"units"_s, u"uL"_s}}},
                                  {u"destinationContents"_s, QJsonArray{}}}),
                      {u"con_nope"_s});
        QCOMPARE(snapshot(source), snapSource);
        QCOMPARE(snapshot(destination), snapDest);

        // From an entity, with the destination's contents given.
        const QString fresh = createTube(u"Transfer fresh"_s, m_otherRack);
        QCOMPARE(api()
                     .post(u"/containers/"_s + fresh + u":transfer"_s,
                           {{u"sourceEntityId"_s, m_entity2},
                            {u"transferQuantity"_s,
                             QJsonObject{{u"value"_s, 20}, {u"units"_s, u"uL"_s}}},
                            {u"destinationContents"_s,
                             QJsonArray{QJsonObject{
                                 {u"entityId"_s, m_entity2},
                                 {u"concentration"_s,
                                  QJsonObject{{u"value"_s, 5}, {u"units"_s, u"uM"_s}}}}}}})
                     .status,
                 200);
        const ApiResponse freshJson = api().get(u"/containers/"_s + fresh);
        QCOMPARE(freshJson.json[u"contents"_s][0][u"concentration"_s][u"units"_s].toString(),
                 u"uM"_s);
        QCOMPARE(freshJson.json[u"quantity"_s][u"value"_s].toDouble(), 20.0);

        // POST /transfers: a task; all land or none.
        const ApiResponse many = api().post(
            u"/transfers"_s,
            {{u"transfers"_s,
              QJsonArray{QJsonObject{{u"destinationContainerId"_s, fresh},
                                     {u"sourceContainerId"_s, source},
                                     {u"transferQuantity"_s,
                                      QJsonObject{{u"value"_s, 5}, {u"units"_s, u"uL"_s}}}},
                         QJsonObject{{u"destinationContainerId"_s, destination},
                                     {u"sourceContainerId"_s, source},
                                     {u"transferQuantity"_s,
                                      QJsonObject{{u"value"_s, 5}, {u"units"_s, u"uL"_s}}}}}}});
        QCOMPARE(many.status, 202);
        const QJsonObject done = api().waitForTask(many.taskId());
        QCOMPARE(done[u"status"_s].toString(), u"SUCCEEDED"_s);
        QCOMPARE(done[u"response"_s][u"destinationContainers"_s].toArray().size(), 2);
        QCOMPARE(api().get(u"/containers/"_s + source).json[u"quantity"_s][u"value"_s].toDouble(),
                 25.0);
        QCOMPARE(api().get(u"/containers/"_s + fresh).json[u"contents"_s].toArray().size(), 2);
        const QString s1 = snapshot(source), s2 = snapshot(fresh), s3 = snapshot(destination);
        const QJsonObject failed = api().waitForTask(
            api()
                .post(u"/transfers"_s,
                      {{u"transfers"_s,
                        QJsonArray{
                            QJsonObject{{u"destinationContainerId"_s, fresh},
                                        {u"sourceContainerId"_s, source},
                                        {u"transferQuantity"_s,
                                         QJsonObject{{u"value"_s, 20}, {u"units"_s, u"uL"_s}}}},
                            QJsonObject{{u"destinationContainerId"_s, destination},
                                        {u"sourceContainerId"_s, source},
                                        {u"transferQuantity"_s,
                                         QJsonObject{{u"value"_s, 20}, {u"units"_s, u"uL"_s}}}}}}})
                .taskId());
        QCOMPARE(failed[u"status"_s].toString(), u"FAILED"_s);
        QCOMPARE(failed[u"errors"_s].toArray().size(), 1);
        QCOMPARE(failed[u"errors"_s][0][u"index"_s].toInt(), 1);
        QCOMPARE(snapshot(source), s1);
        QCOMPARE(snapshot(fresh), s2);
        QCOMPARE(snapshot(destination), s3);
        QCOMPARE(
            api()
                .post(u"/transfers"_s,
                      {{u"transfers"_s, QJsonArray{QJsonObject{{u"sourceEntityId"_s, m_entity}}}}})
                .status,
            400);
    }

    void validateBarcodes()
    {
        const ApiResponse r = api().post(
            u"/registries/src_benchtop:validate-barcodes"_s,
            {{u"barcodes"_s, QJsonArray{u"NEW-123"_s, u"BOX-0001"_s, u"NEW-123"_s, u""_s}}});
        QCOMPARE(r.status, 200);
        const QJsonArray results = r.json[u"validationResults"_s].toArray();
        QCOMPARE(results.size(), 4);
        QCOMPARE(results[0][u"isValid"_s].toBool(), true);
        QVERIFY(results[0][u"message"_s].isNull());
        QCOMPARE(results[1][u"isValid"_s].toBool(), false);
        QVERIFY(results[1][u"message"_s].toString().contains(u"Plasmid minipreps"_s));
        QCOMPARE(results[2][u"isValid"_s].toBool(), false);
        QCOMPARE(results[3][u"isValid"_s].toBool(), false);
        QCOMPARE(
            api()
                .post(u"/registries/src_nope:validate-barcodes"_s, {{u"barcodes"_s, QJsonArray{}}})
                .status,
            404);
        QCOMPARE(
            api()
                .post(u"/registries/src_benchtop:validate-barcodes"_s, {{u"codes"_s, QJsonArray{}}})
                .status,
            400);
    }

    void locationArchiveCascade()
    {
        const QString schema = schemaId(u"location-schemas"_s, u"Shelf"_s);
        const ApiResponse made = api().post(u"/locations"_s, {{u"name"_s, u"Doomed shelf"_s},
                                                              {u"schemaId"_s, schema},
                                                              {u"parentStorageId"_s, m_rack}});
        QCOMPARE(made.status, 201);
        const QString shelf = made.json[u"id"_s].toString();
        const QString inner = api()
                                  .post(u"/locations"_s, {{u"name"_s, u"Doomed rack"_s},
                                                          {u"schemaId"_s, schema},
                                                          {u"parentStorageId"_s, shelf}})
                                  .json[u"id"_s]
                                  .toString();
        const QString box = createBox(u"Doomed box"_s, inner);
        const QString tube = createTube(u"Doomed tube"_s, box);
        const QString loose = createTube(u"Doomed loose tube"_s, shelf);
        const QString plate =
            api()
                .post(u"/plates"_s,
                      {{u"schemaId"_s, schemaId(u"plate-schemas"_s, u"96 matrix rack"_s)},
                       {u"parentStorageId"_s, shelf}})
                .json[u"id"_s]
                .toString();
        QVERIFY(!box.isEmpty() && !tube.isEmpty() && !plate.isEmpty());
        // A location's create refuses unknown parents too.
        QCOMPARE(api()
                     .post(u"/locations"_s, {{u"name"_s, u"x"_s},
                                             {u"schemaId"_s, schema},
                                             {u"parentStorageId"_s, u"loc_nope"_s}})
                     .status,
                 400);

        const ApiResponse archived =
            api().post(u"/locations:archive"_s,
                       {{u"locationIds"_s, QJsonArray{shelf}}, {u"reason"_s, u"Retired"_s}});
        QCOMPARE(archived.status, 200);
        const auto sorted = [](const QJsonValue &v) {
            QStringList list;
            for (const QJsonValue &x : v.toArray())
                list.append(x.toString());
            list.sort();
            return list;
        };
        QStringList locations{shelf, inner};
        locations.sort();
        QStringList containers{tube, loose};
        containers.sort();
        QCOMPARE(sorted(archived.json[u"locationIds"_s]), locations);
        QCOMPARE(sorted(archived.json[u"boxIds"_s]), QStringList{box});
        QCOMPARE(sorted(archived.json[u"plateIds"_s]), QStringList{plate});
        QCOMPARE(sorted(archived.json[u"containerIds"_s]), containers);
        for (const QString &id : {shelf, inner, box, tube, loose, plate})
            QCOMPARE(
                scalar(u"SELECT archive_reason FROM resources WHERE id = ?"_s, {id}).toString(),
                u"Retired"_s);
        // Nothing goes into an archived location.
        const int before = resourceCount();
        expectRefusal(
            api().post(u"/boxes"_s, {{u"schemaId"_s, schemaId(u"box-schemas"_s, u"9×9 box"_s)},
                                     {u"parentStorageId"_s, inner}}),
            {u"archived"_s});
        QCOMPARE(resourceCount(), before);
    }

    // Two clients move different tubes into the same free position at the same moment, twenty
    // times: exactly one wins each time, the other gets a clear 400, and no tube is lost or
    // duplicated.
    void concurrentMovesIntoOnePosition()
    {
        const QString box = createBox(u"Race box"_s, m_rack);
        QStringList pool;
        for (int i = 0; i < 40; ++i)
            pool.append(createTube(u"Racer %1"_s.arg(i), m_otherRack));
        QVERIFY(!pool.contains(QString()));
        const int containersBefore =
            scalar(u"SELECT COUNT(*) FROM resources WHERE kind = 'container'"_s).toInt();
        QNetworkAccessManager network;
        const QByteArray auth = "Basic " + QByteArray(m_lab.apiKey().toUtf8() + ':').toBase64();
        const auto send = [&](const QString &id, const QString &target) {
            QNetworkRequest request(
                QUrl(m_lab.baseUrl().toString() + u"/api/v2/containers/"_s + id));
            request.setRawHeader("Authorization", auth);
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            const QByteArray body =
                QJsonDocument(QJsonObject{{u"parentStorageId"_s, target}}).toJson();
            return network.sendCustomRequest(request, "PATCH", body);
        };
        QStringList winners;
        for (int round = 0; round < 20; ++round) {
            const QString position =
                QString(QChar(u'A' + round / 9)) + QString::number(round % 9 + 1);
            const QString target = box + u':' + position;
            const QString a = pool.at(2 * round);
            const QString b = pool.at(2 * round + 1);
            QNetworkReply *first = send(a, target);
            QNetworkReply *second = send(b, target);
            QSignalSpy firstDone(first, &QNetworkReply::finished);
            QSignalSpy secondDone(second, &QNetworkReply::finished);
            QVERIFY(firstDone.count() > 0 || firstDone.wait(10'000));
            QVERIFY(secondDone.count() > 0 || secondDone.wait(10'000));
            const int statusA = first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const int statusB = second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject bodyA = QJsonDocument::fromJson(first->readAll()).object();
            const QJsonObject bodyB = QJsonDocument::fromJson(second->readAll()).object();
            first->deleteLater();
            second->deleteLater();
            QCOMPARE(QSet<int>({statusA, statusB}), (QSet<int>{200, 400}));
            const QString winner = statusA == 200 ? a : b;
            const QString loser = statusA == 200 ? b : a;
            const QString message =
                (statusA == 400 ? bodyA : bodyB)[u"error"_s][u"message"_s].toString();
            QVERIFY2(message.contains(u"Position %1"_s.arg(position)) &&
                         message.contains(u"already occupied"_s) && message.contains(winner),
                     qPrintable(message));
            QCOMPARE(scalar(u"SELECT parent_id FROM resources WHERE id = ?"_s, {loser}).toString(),
                     m_otherRack);
            QVERIFY(scalar(u"SELECT position FROM resources WHERE id = ?"_s, {loser}).isNull());
            QCOMPARE(scalar(u"SELECT id FROM resources WHERE parent_id = ? AND position = ?"_s,
                            {box, position})
                         .toString(),
                     winner);
            winners.append(winner);
        }
        const ApiResponse contents = api().get(u"/boxes/"_s + box + u"/contents?pageSize=100"_s);
        QStringList held;
        QSet<QString> positions;
        for (const QJsonValue &c : contents.json[u"containers"_s].toArray()) {
            held.append(c[u"id"_s].toString());
            positions.insert(c[u"gridPosition"_s].toString());
        }
        QCOMPARE(held.size(), 20);
        QCOMPARE(positions.size(), 20);
        QStringList expected = winners;
        expected.sort();
        held.sort();
        QCOMPARE(held, expected);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM resources WHERE kind = 'container'"_s).toInt(),
                 containersBefore);
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM resources WHERE parent_id = ?"_s, {m_otherRack})
                         .toInt() >= 20,
                 true);
    }
};

QTEST_GUILESS_MAIN(TestServerInventory)
#include "tst_server_inventory.moc"
