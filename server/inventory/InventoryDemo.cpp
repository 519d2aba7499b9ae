// The demo lab's inventory: container, box, plate and location schemas, and in Freezer F1's
// racks boxes of plasmid minipreps, glycerol stocks and spare tubes, a 96-well PCR plate and a
// matrix rack, holding the demo plasmids where the sequence demo made any.
#include "Contents.h"
#include "Storage.h"

#include "server/Ids.h"
#include "server/storage/Database.h"
#include "server/storage/DemoData.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server {

using inventory::Grid;
using inventory::setContent;

namespace {

class InventorySeeder
{
public:
    InventorySeeder(Resources &resources, QString creator)
        : m_resources(resources)
        , m_db(resources.database())
        , m_creator(std::move(creator))
    {}

    bool ok() const { return m_ok; }

    QString schema(const QString &prefix, const QString &kind, const QString &name,
                   const QJsonObject &definition)
    {
        const QString id = newId(prefix);
        const QString now = timestampNow();
        if (m_db.exec(u"INSERT INTO schemas (id, kind, name, definition, created_at, modified_at) "
                      "VALUES (?, ?, ?, ?, ?, ?)"_s,
                      {id, kind, name,
                       QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)),
                       now, now})
                .lastError()
                .isValid())
            m_ok = false;
        return id;
    }

    QString add(const QString &kind, const QString &prefix, const QString &name,
                const QString &barcode, const QString &schemaId, const QString &parentId,
                const QString &position = {}, const QJsonObject &data = {})
    {
        ResourceRow row;
        row.id = newId(prefix);
        row.kind = kind;
        row.name = name;
        row.barcode = barcode.isEmpty() ? QString() : barcode;
        row.schemaId = schemaId;
        row.parentId = parentId;
        row.position = position.isEmpty() ? QString() : position;
        row.creatorId = m_creator;
        row.data = data;
        row.data.insert(u"fields"_s, QJsonObject());
        if (m_ok && m_resources.insert(row))
            m_ok = false;
        return row.id;
    }

    QString tube(const QString &name, const QString &barcode, const QString &schemaId,
                 const QString &parentId, const QString &position, double microlitres,
                 const QString &entityId, double ngPerUl)
    {
        const QString id =
            add(u"container"_s, u"con_"_s, name, barcode, schemaId, parentId, position,
                {{u"quantity"_s, QJsonObject{{u"value"_s, microlitres}, {u"units"_s, u"uL"_s}}}});
        if (!entityId.isEmpty() && m_ok)
            m_ok = setContent(m_db, id, {entityId, {ngPerUl, u"ng/uL"_s}});
        return id;
    }

    QStringList ids(const QString &sql, const QVariantList &bindings = {})
    {
        QSqlQuery query = m_db.exec(sql, bindings);
        QStringList found;
        while (query.next())
            found.append(query.value(0).toString());
        return found;
    }

private:
    Resources &m_resources;
    Database &m_db;
    QString m_creator;
    bool m_ok = true;
};

} // namespace

bool seedInventoryDemo(Resources &resources, const QString &creatorId)
{
    InventorySeeder seed(resources, creatorId);
    const QString tube =
        seed.schema(u"consch_"_s, u"container"_s, u"Tube"_s, {{u"prefix"_s, u"TUB"_s}});
    const QString well =
        seed.schema(u"consch_"_s, u"container"_s, u"Well"_s, {{u"prefix"_s, u"WEL"_s}});
    const QString box9 = seed.schema(u"boxsch_"_s, u"box"_s, u"9×9 box"_s,
                                     {{u"height"_s, 9},
                                      {u"width"_s, 9},
                                      {u"containerSchemaId"_s, tube},
                                      {u"prefix"_s, u"BOX"_s}});
    const QString box10 = seed.schema(u"boxsch_"_s, u"box"_s, u"10×10 box"_s,
                                      {{u"height"_s, 10},
                                       {u"width"_s, 10},
                                       {u"containerSchemaId"_s, tube},
                                       {u"prefix"_s, u"BOX"_s}});
    const QString plate96 = seed.schema(u"pltsch_"_s, u"plate"_s, u"96-well plate"_s,
                                        {{u"height"_s, 8},
                                         {u"width"_s, 12},
                                         {u"plateType"_s, u"well_plate"_s},
                                         {u"containerSchemaId"_s, well},
                                         {u"prefix"_s, u"PLT"_s}});
    const QString matrix96 = seed.schema(u"pltsch_"_s, u"plate"_s, u"96 matrix rack"_s,
                                         {{u"height"_s, 8},
                                          {u"width"_s, 12},
                                          {u"plateType"_s, u"matrix_plate"_s},
                                          {u"containerSchemaId"_s, tube},
                                          {u"prefix"_s, u"MTX"_s}});
    // A location schema with a capacity: a bench rack takes four boxes, plates or tubes.
    seed.schema(u"locsch_"_s, u"location"_s, u"Bench rack (4 boxes)"_s, {{u"totalCapacity"_s, 4}});

    const QStringList freezer =
        seed.ids(u"SELECT id FROM resources WHERE kind = 'location' AND name = ?"_s,
                 {u"Freezer F1 (−80 °C)"_s});
    const QStringList racks =
        freezer.isEmpty()
            ? QStringList()
            : seed.ids(u"SELECT r.id FROM resources r JOIN resources s ON s.id = r.parent_id "
                       "WHERE r.kind = 'location' AND s.parent_id = ? ORDER BY r.name"_s,
                       {freezer.first()});
    // Plasmids from the sequence demo, if it made any.
    QList<std::pair<QString, QString>> plasmids;
    {
        QSqlQuery query = resources.database().exec(
            u"SELECT id, name FROM resources WHERE kind = 'dna_sequence' ORDER BY name"_s);
        while (query.next())
            plasmids.append({query.value(0).toString(), query.value(1).toString()});
    }
    const auto plasmid = [&](int i) {
        return plasmids.isEmpty() ? std::pair<QString, QString>()
                                  : plasmids.at(i % plasmids.size());
    };
    const auto rack = [&](int i) {
        return racks.value(i);
    };
    int barcode = 0;
    const auto nextBarcode = [&barcode] {
        return u"TUB-%1"_s.arg(++barcode, 5, 10, QChar(u'0'));
    };
    const Grid nine{9, 9};
    const Grid ten{10, 10};

    // Plasmid minipreps: two tubes of each plasmid, in a 9×9 box on Rack 1-A.
    const QString minipreps =
        seed.add(u"box"_s, u"box_"_s, u"Plasmid minipreps"_s, u"BOX-0001"_s, box9, rack(0));
    for (int i = 0; i < 14; ++i) {
        const auto [id, name] = plasmid(i / 2);
        const QString label = name.isEmpty() ? u"Miniprep %1"_s.arg(i + 1)
                                             : u"%1 miniprep #%2"_s.arg(name).arg(i % 2 + 1);
        seed.tube(label, nextBarcode(), tube, minipreps, nine.label(i), 50.0 - i, id,
                  120.0 + 7 * i);
    }
    // Glycerol stocks in a 10×10 box on Rack 1-B.
    const QString glycerol =
        seed.add(u"box"_s, u"box_"_s, u"Glycerol stocks"_s, u"BOX-0002"_s, box10, rack(1));
    for (int i = 0; i < 10; ++i) {
        const auto [id, name] = plasmid(i);
        const QString label =
            name.isEmpty() ? u"Glycerol stock %1"_s.arg(i + 1) : u"%1 glycerol stock"_s.arg(name);
        seed.tube(label, nextBarcode(), tube, glycerol, ten.label(i * 3), 900.0, id, 0);
    }
    // Spare empty tubes in another 9×9 box on Rack 1-A.
    const QString spares =
        seed.add(u"box"_s, u"box_"_s, u"Spare tubes"_s, u"BOX-0003"_s, box9, rack(0));
    for (int i = 0; i < 6; ++i)
        seed.tube(u"Empty tube %1"_s.arg(i + 1), nextBarcode(), tube, spares, nine.label(i), 0, {},
                  0);

    // A 96-well PCR plate on Rack 1-C: every well exists, the first row holds plasmid template.
    const QString plate =
        seed.add(u"plate"_s, u"plt_"_s, u"PCR plate 2024-03"_s, u"PLT-0001"_s, plate96, rack(2));
    const Grid plateGrid{8, 12};
    for (int i = 0; i < plateGrid.size(); ++i) {
        const bool filled = i < 12 && !plasmids.isEmpty();
        const auto [id, name] = plasmid(i);
        seed.tube(u"PCR plate 2024-03 %1"_s.arg(plateGrid.label(i)), QString(), well, plate,
                  plateGrid.label(i), filled ? 20.0 : 0, filled ? id : QString(), 10.0);
    }
    // A matrix rack with eight tubes on Rack 1-C.
    const QString matrix =
        seed.add(u"plate"_s, u"plt_"_s, u"Matrix rack MX-01"_s, u"MTX-0001"_s, matrix96, rack(2));
    for (int i = 0; i < 8; ++i) {
        const auto [id, name] = plasmid(i + 3);
        seed.tube(u"Matrix tube %1"_s.arg(plateGrid.label(i * 12)),
                  u"MX-%1"_s.arg(i + 1, 4, 10, QChar(u'0')), tube, matrix, plateGrid.label(i * 12),
                  200.0, id, 50.0);
    }
    return seed.ok();
}

} // namespace benchtop::server
