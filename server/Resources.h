// The `resources` table: every resource the API serves (locations, boxes, plates, containers,
// sequences, folders, entries, ...) as one row of shared columns plus its own JSON `data`.
// Routes never write SQL for these columns themselves; they read and write ResourceRows here.
#pragma once

#include "ApiError.h"
#include "Paging.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QSqlQuery;

namespace benchtop::server {

class Database;

struct ResourceRow
{
    QString id;
    QString kind; // "location", "box", "container", "dna_sequence", ...
    QString name;
    QString barcode;       // null when none
    QString parentId;      // parent storage, folder, project, ... (null when none)
    QString position;      // grid position in a box or plate ("B3"), null otherwise
    QString schemaId;      // null when none
    QString archiveReason; // null when not archived
    QString creatorId;
    QString createdAt;
    QString modifiedAt;
    QJsonObject data; // everything else, as the kind's routes define it

    // Read-only, from joins.
    QString schemaName;
    QString creatorHandle;
    QString creatorName;

    bool isArchived() const { return !archiveReason.isNull(); }
};

class Resources
{
public:
    explicit Resources(Database &db)
        : m_db(db)
    {}

    Database &database() const { return m_db; }

    // "SELECT <columns> FROM resources r LEFT JOIN ..." — add a WHERE clause on alias `r`.
    static QString selectSql();
    static ResourceRow read(const QSqlQuery &query, int firstColumn = 0);

    std::optional<ResourceRow> find(const QString &id) const;
    std::optional<ResourceRow> find(const QString &kind, const QString &id) const;
    std::optional<ResourceRow> findByBarcode(const QString &barcode) const;
    // Rows matching `where` (on alias r), in `orderAndLimit` order ("ORDER BY r.name").
    QList<ResourceRow> select(const SqlConditions &where, const QString &orderAndLimit = {}) const;
    // Rows whose `column` ("r.id", "r.parent_id") is one of `values`, and that match `where`,
    // read with selectInChunks (one query per few hundred values), in no particular order.
    QList<ResourceRow> selectIn(const QString &column, const QStringList &values,
                                const SqlConditions &where = {}) const;
    int count(const SqlConditions &where) const;

    // Inserts `row` (stamping createdAt/modifiedAt if empty). A taken barcode or position is a
    // 400 with a message naming what holds it; a database failure is a 500.
    std::optional<ApiFailure> insert(ResourceRow &row);
    // Writes every column of `row` back and stamps modifiedAt.
    std::optional<ApiFailure> update(ResourceRow &row);
    std::optional<ApiFailure> remove(const QString &id);

    // The ids of every resource below `id` (children, their children, ...).
    QStringList descendants(const QString &id) const;

private:
    std::optional<ApiFailure> checkUnique(const ResourceRow &row) const;
    std::optional<ApiFailure> write(const QString &sql, const QVariantList &bindings,
                                    const ResourceRow &row);

    Database &m_db;
};

// Folds a name for case-insensitive matching (Unicode-aware, unlike SQLite's LOWER()).
QString foldName(const QString &name);
// A SQL binding for a string that may be null.
QVariant nullableText(const QString &value);

// Runs `sql` once per chunk of the distinct non-empty `values`, with "%1" in it standing for
// the chunk's "?, ?, ..." (bound after `leading`), and hands every result row to `each`: what a
// whole page needs in one query, without passing the back ends' limits on bound values (SQLite
// before 3.32: 999). No values, no query. `each` must not run queries itself (on PostgreSQL a
// new query discards the rest of the result).
void selectInChunks(const Database &db, const QString &sql, const QVariantList &leading,
                    const QStringList &values, const std::function<void(const QSqlQuery &)> &each);

} // namespace benchtop::server
