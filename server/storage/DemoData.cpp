#include "DemoData.h"

#include "../Ids.h"
#include "../Logging.h"
#include "../Resources.h"
#include "../Users.h"
#include "Database.h"

#include <QDateTime>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

class Seeder
{
public:
    explicit Seeder(Database &db)
        : m_db(db)
        , m_now(timestampNow())
    {}

    bool ok() const { return m_ok; }
    const QString &creator() const { return m_creator; }

    // The demo user, made if missing (an administrator may have created users first).
    void user(const QString &handle, const QString &name, const QString &email)
    {
        QSqlQuery existing = m_db.exec(u"SELECT id FROM users WHERE handle = ?"_s, {handle});
        if (existing.next()) {
            m_creator = existing.value(0).toString();
            return;
        }
        QString error;
        const auto id = createUser(m_db, handle, name, &error, email);
        m_ok = m_ok && id.has_value();
        m_creator = id.value_or(QString());
    }

    QString schema(const QString &name)
    {
        const QString id = newId(u"locsch_");
        run(u"INSERT INTO schemas (id, kind, name, created_at, modified_at) VALUES "
            "(?, 'location', ?, ?, ?)"_s,
            {id, name, m_now, m_now});
        return id;
    }

    QString location(const QString &name, const QString &barcode, const QString &schemaId,
                     const QString &parentId = {})
    {
        const QString id = newId(u"loc_");
        // Each row a moment apart, so the default sort (modifiedAt) has a stable, meaningful order.
        const QString at = stamp();
        run(u"INSERT INTO resources (id, kind, name, name_folded, barcode, parent_id, schema_id, "
            "creator_id, created_at, modified_at, data) VALUES (?, 'location', ?, ?, ?, ?, ?, "
            "?, ?, ?, '{\"fields\":{}}')"_s,
            {id, name, foldName(name), barcode, nullableText(parentId), schemaId, m_creator, at,
             at});
        return id;
    }

private:
    QString stamp()
    {
        return QDateTime::fromString(m_now, Qt::ISODateWithMs)
            .addMSecs(m_sequence++)
            .toString(Qt::ISODateWithMs);
    }

    void run(const QString &sql, const QVariantList &bindings)
    {
        if (m_ok && m_db.exec(sql, bindings).lastError().isValid())
            m_ok = false;
    }

    Database &m_db;
    QString m_now;
    QString m_creator;
    int m_sequence = 0;
    bool m_ok = true;
};

} // namespace

bool seedDemoDataIfEmpty(Database &db)
{
    QSqlQuery count = db.exec(u"SELECT COUNT(*) FROM resources WHERE kind = 'location'"_s);
    if (!count.next() || count.value(0).toInt() > 0)
        return count.isActive();

    return db.transaction([&db] {
        Seeder seed(db);
        seed.user(QString::fromUtf16(kDemoUserHandle), u"Demo Scientist"_s, u"demo@lab.local"_s);
        const QString freezer = seed.schema(u"Freezer"_s);
        const QString shelf = seed.schema(u"Shelf"_s);
        const QString rack = seed.schema(u"Rack"_s);
        const QString room = seed.schema(u"Room"_s);

        struct FreezerPlan
        {
            QString name, barcode;
            int shelves, racksPerShelf;
        };
        const QList<FreezerPlan> freezers = {
            {u"Freezer F1 (−80 °C)"_s, u"FRZ-001"_s, 5, 4},
            {u"Freezer F2 (−20 °C)"_s, u"FRZ-002"_s, 3, 3},
        };
        for (const FreezerPlan &plan : freezers) {
            const QString freezerId = seed.location(plan.name, plan.barcode, freezer);
            for (int s = 1; s <= plan.shelves; ++s) {
                const QString shelfBarcode = plan.barcode + u"-S"_s + QString::number(s);
                const QString shelfId =
                    seed.location(u"Shelf %1"_s.arg(s), shelfBarcode, shelf, freezerId);
                for (int r = 0; r < plan.racksPerShelf; ++r) {
                    const QChar letter = QLatin1Char(char('A' + r));
                    seed.location(u"Rack %1-%2"_s.arg(s).arg(letter),
                                  shelfBarcode + u"-R"_s + letter, rack, shelfId);
                }
            }
        }
        seed.location(u"Cold room (4 °C)"_s, u"ROOM-4C"_s, room);
        // Each part of the API seeds its own demo records: sequences first (tubes hold them),
        // then boxes, plates and tubes, then notebook entries that link to both.
        Resources resources(db);
        if (seed.ok() && !(seedSequenceDemo(resources, seed.creator()) &&
                           seedInventoryDemo(resources, seed.creator()) &&
                           seedNotebookDemo(resources, seed.creator())))
            return false;
        if (seed.ok())
            qCInfo(lcServer) << "seeded demo data";
        return seed.ok();
    });
}

} // namespace benchtop::server
