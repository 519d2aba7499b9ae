#include "Storage.h"

#include "../storage/Database.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

QString Grid::label(int index) const
{
    if (columns <= 0)
        return {};
    return QString(QChar(u'A' + index / columns)) + QString::number(index % columns + 1);
}

std::optional<int> Grid::index(const QString &position, bool *malformed) const
{
    static const QRegularExpression pattern(u"^([A-Za-z])0*([0-9]{1,3})$"_s);
    const auto match = pattern.match(position.trimmed());
    if (malformed)
        *malformed = !match.hasMatch();
    if (!match.hasMatch())
        return std::nullopt;
    const int row = match.captured(1).toUpper().at(0).unicode() - u'A';
    const int column = match.captured(2).toInt() - 1;
    if (row < 0 || row >= rows || column < 0 || column >= columns)
        return std::nullopt;
    return row * columns + column;
}

QString Grid::describe() const
{
    return u"%1 × %2 (A1 to %3)"_s.arg(rows).arg(columns).arg(label(size() - 1));
}

QJsonObject schemaDefinition(Database &db, const QString &schemaId)
{
    if (schemaId.isEmpty())
        return {};
    QSqlQuery query = db.exec(u"SELECT definition FROM schemas WHERE id = ?"_s, {schemaId});
    return query.next() ? QJsonDocument::fromJson(query.value(0).toByteArray()).object()
                        : QJsonObject();
}

QHash<QString, QJsonObject> schemaDefinitions(Database &db, const QStringList &schemaIds)
{
    QHash<QString, QJsonObject> definitions;
    selectInChunks(db, u"SELECT id, definition FROM schemas WHERE id IN (%1)"_s, {}, schemaIds,
                   [&definitions](const QSqlQuery &query) {
                       definitions.insert(
                           query.value(0).toString(),
                           QJsonDocument::fromJson(query.value(1).toByteArray()).object());
                   });
    return definitions;
}

Grid gridOf(Database &db, const ResourceRow &storage)
{
    return gridOf(schemaDefinition(db, storage.schemaId));
}

Grid gridOf(const QJsonObject &definition)
{
    return {definition.value(u"height"_s).toInt(), definition.value(u"width"_s).toInt()};
}

bool isWellPlate(Database &db, const ResourceRow &plate)
{
    return plate.kind == u"plate"_s && isWellPlate(plate, schemaDefinition(db, plate.schemaId));
}

bool isWellPlate(const ResourceRow &plate, const QJsonObject &definition)
{
    return plate.kind == u"plate"_s &&
           definition.value(u"plateType"_s).toString() != u"matrix_plate"_s;
}

std::optional<int> locationCapacity(Database &db, const ResourceRow &location)
{
    return locationCapacity(schemaDefinition(db, location.schemaId));
}

std::optional<int> locationCapacity(const QJsonObject &definition)
{
    const QJsonValue capacity = definition.value(u"totalCapacity"_s);
    return capacity.isDouble() ? std::optional(capacity.toInt()) : std::nullopt;
}

int storedCount(Database &db, const QString &parentId)
{
    return storedCounts(db, {parentId}).value(parentId);
}

QHash<QString, int> storedCounts(Database &db, const QStringList &parentIds)
{
    QHash<QString, int> counts;
    selectInChunks(db,
                   u"SELECT parent_id, COUNT(*) FROM resources WHERE kind IN ('box', 'plate', "
                   "'container') AND parent_id IN (%1) GROUP BY parent_id"_s,
                   {}, parentIds, [&counts](const QSqlQuery &query) {
                       counts.insert(query.value(0).toString(), query.value(1).toInt());
                   });
    return counts;
}

QString describe(const ResourceRow &row)
{
    QString noun = row.kind;
    if (noun == u"container"_s)
        noun = u"container"_s;
    return u"%1 \"%2\" (%3)"_s.arg(noun, row.name, row.id);
}

namespace {

QString allowedParents(const QString &kind)
{
    if (kind == u"container"_s)
        return u"a location, a box or a matrix plate"_s;
    return u"a location"_s;
}

QString article(const QString &kind)
{
    return kind == u"location"_s ? u"A location"_s
           : kind == u"box"_s    ? u"A box"_s
           : kind == u"plate"_s  ? u"A plate"_s
                                 : u"A container"_s;
}

} // namespace

std::variant<Placement, ApiFailure>
resolvePlacement(ServerContext &server, const ResourceRow &moving, const QString &target)
{
    if (target.trimmed().isEmpty())
        return Placement{};
    const QString parentId = target.section(u':', 0, 0).trimmed();
    const bool hasPosition = target.contains(u':');
    const QString position = target.section(u':', 1).trimmed();
    const auto parent = server.resources.find(parentId);
    if (!parent ||
        !QStringList{u"location"_s, u"box"_s, u"plate"_s, u"container"_s}.contains(parent->kind)) {
        return ApiFailure::badRequest(
            u"parentStorageId names %1, but no location, box or plate has that id."_s.arg(parentId),
            parentId);
    }
    const bool allowed =
        parent->kind == u"location"_s ||
        (moving.kind == u"container"_s && (parent->kind == u"box"_s || parent->kind == u"plate"_s));
    if (!allowed) {
        return ApiFailure::badRequest(
            u"%1 can only be stored in %2; %3 is a %4."_s.arg(
                article(moving.kind), allowedParents(moving.kind), describe(*parent), parent->kind),
            parentId);
    }
    if (parent->isArchived()) {
        return ApiFailure::badRequest(
            u"%1 is archived; unarchive it before storing anything in it."_s.arg(describe(*parent)),
            parentId);
    }
    if (moving.kind == u"location"_s && parent->id == moving.id) {
        return ApiFailure::badRequest(
            u"%1 cannot be stored in itself: that would make a cycle."_s.arg(describe(moving)),
            parentId);
    }
    if (moving.kind == u"location"_s &&
        server.resources.descendants(moving.id).contains(parent->id)) {
        return ApiFailure::badRequest(
            u"%1 cannot be moved into %2: %2 is inside %1, so the move would make a cycle."_s.arg(
                describe(moving), describe(*parent)),
            parentId);
    }
    const bool staying = !moving.parentId.isNull() && moving.parentId == parent->id;
    if (parent->kind == u"location"_s) {
        if (hasPosition) {
            return ApiFailure::badRequest(
                u"%1 is a location; locations have no grid positions. Use parentStorageId "
                "%2 without \":%3\"."_s.arg(describe(*parent), parent->id, position),
                parentId);
        }
        if (!staying) {
            if (const auto capacity = locationCapacity(server.db, *parent);
                capacity && moving.kind != u"location"_s) {
                const int stored = storedCount(server.db, parent->id);
                if (stored >= *capacity) {
                    return ApiFailure::badRequest(
                        u"%1 is full: it holds %2 of %3 boxes, plates and containers."_s
                            .arg(describe(*parent))
                            .arg(stored)
                            .arg(*capacity),
                        parentId);
                }
            }
        }
        return Placement{parent->id, QString()};
    }
    // A container into a box or plate.
    if (isWellPlate(server.db, *parent)) {
        return ApiFailure::badRequest(
            u"%1 is a well plate: its wells are fixed containers, so nothing can be moved onto "
            "it. Transfer into one of its wells instead."_s.arg(describe(*parent)),
            parentId);
    }
    const Grid grid = gridOf(server.db, *parent);
    QSet<QString> taken;
    QSqlQuery holders = server.db.exec(
        u"SELECT position FROM resources WHERE parent_id = ? AND id <> ? AND position IS NOT NULL"_s,
        {parent->id, moving.id});
    while (holders.next())
        taken.insert(holders.value(0).toString());
    if (!hasPosition || position.isEmpty()) {
        if (staying && !moving.position.isNull())
            return Placement{parent->id, moving.position};
        for (int i = 0; i < grid.size(); ++i) {
            if (!taken.contains(grid.label(i)))
                return Placement{parent->id, grid.label(i)};
        }
        return ApiFailure::badRequest(
            u"%1 is full: all %2 positions of its %3 grid are taken."_s.arg(describe(*parent))
                .arg(grid.size())
                .arg(grid.describe()),
            parentId);
    }
    bool malformed = false;
    const auto index = grid.index(position, &malformed);
    if (malformed) {
        return ApiFailure::badRequest(
            u"\"%1\" is not a grid position; write a row letter and a column number, e.g. "
            "%2:B3."_s.arg(position, parent->id),
            parentId);
    }
    if (!index) {
        return ApiFailure::badRequest(u"Position %1 is outside %2, whose grid is %3."_s.arg(
                                          position.toUpper(), describe(*parent), grid.describe()),
                                      parentId);
    }
    const QString label = grid.label(*index);
    if (taken.contains(label)) {
        QSqlQuery holder = server.db.exec(
            u"SELECT id, name FROM resources WHERE parent_id = ? AND position = ? AND id <> ?"_s,
            {parent->id, label, moving.id});
        holder.next();
        return ApiFailure::badRequest(
            u"Position %1 of %2 is already occupied by \"%3\" (%4)."_s.arg(
                label, describe(*parent), holder.value(1).toString(), holder.value(0).toString()),
            parentId);
    }
    return Placement{parent->id, label};
}

} // namespace benchtop::server::inventory
