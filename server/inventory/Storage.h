// Where inventory can go: the grids of boxes and plates, the capacity of locations, and the one
// rule every move follows (create or patch with parentStorageId, of a location, box, plate or
// container). A refusal is a 400 that names the problem; nothing is written here.
#pragma once

#include "../ResourceRoutes.h"

#include <variant>

namespace benchtop::server::inventory {

// A box's or plate's grid: rows lettered A, B, ..., columns numbered from 1.
struct Grid
{
    int rows = 0;
    int columns = 0;

    int size() const { return rows * columns; }
    // "B3" for row-major index 11 of a 9-wide grid.
    QString label(int index) const;
    // The row-major index of "B3" / "b03"; nullopt if malformed (*malformed set) or outside.
    std::optional<int> index(const QString &position, bool *malformed = nullptr) const;
    // "9 × 9 (A1 to I9)".
    QString describe() const;
};

// A schema's definition JSON ({} when none).
QJsonObject schemaDefinition(Database &db, const QString &schemaId);
// The definitions of these schemas, by id, for a page of rows (one query per chunk).
QHash<QString, QJsonObject> schemaDefinitions(Database &db, const QStringList &schemaIds);
// The grid a box or plate's schema gives it (from the schema's definition).
Grid gridOf(Database &db, const ResourceRow &storage);
Grid gridOf(const QJsonObject &definition);
bool isWellPlate(Database &db, const ResourceRow &plate);
bool isWellPlate(const ResourceRow &plate, const QJsonObject &definition);
// A location's capacity (its schema's totalCapacity), nullopt when unlimited.
std::optional<int> locationCapacity(Database &db, const ResourceRow &location);
std::optional<int> locationCapacity(const QJsonObject &definition);
// Boxes, plates and containers directly in `parentId`; storedCounts for many parents at once
// (a parent holding nothing has no entry).
int storedCount(Database &db, const QString &parentId);
QHash<QString, int> storedCounts(Database &db, const QStringList &parentIds);
// `box "Box 3" (box_x)` for messages.
QString describe(const ResourceRow &row);

struct Placement
{
    QString parentId; // null: stored nowhere
    QString position; // null: no grid position
};

// Resolves a parentStorageId ("", "loc_x", "box_x", "box_x:B3", "plt_x:A1") for `moving` (its
// kind, id and current place). A container sent to a box or matrix plate without a position
// takes the first free one (row by row), so a full box is refused.
std::variant<Placement, ApiFailure>
resolvePlacement(ServerContext &server, const ResourceRow &moving, const QString &target);

} // namespace benchtop::server::inventory
