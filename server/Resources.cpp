#include "Resources.h"

#include "Ids.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server {

QString foldName(const QString &name)
{
    return name.toCaseFolded();
}

QVariant nullableText(const QString &value)
{
    return value.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

void selectInChunks(const Database &db, const QString &sql, const QVariantList &leading,
                    const QStringList &values, const std::function<void(const QSqlQuery &)> &each)
{
    constexpr qsizetype kChunk = 500;
    QStringList distinct;
    QSet<QString> seen;
    for (const QString &value : values) {
        if (!value.isEmpty() && !seen.contains(value)) {
            seen.insert(value);
            distinct.append(value);
        }
    }
    for (qsizetype from = 0; from < distinct.size(); from += kChunk) {
        const QStringList chunk = distinct.mid(from, kChunk);
        QVariantList bindings = leading;
        for (const QString &value : chunk)
            bindings.append(value);
        QStringList marks(chunk.size(), u"?"_s);
        QSqlQuery query = db.exec(sql.arg(marks.join(u", "_s)), bindings);
        while (query.next())
            each(query);
    }
}

namespace {

QString text(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

} // namespace

QString Resources::selectSql()
{
    return u"SELECT r.id, r.kind, r.name, r.barcode, r.parent_id, r.position, r.schema_id, "
           "r.archive_reason, r.creator_id, r.created_at, r.modified_at, r.data, s.name, "
           "u.handle, u.name FROM resources r LEFT JOIN schemas s ON s.id = r.schema_id "
           "LEFT JOIN users u ON u.id = r.creator_id"_s;
}

ResourceRow Resources::read(const QSqlQuery &query, int first)
{
    const auto at = [&](int column) {
        return query.value(first + column);
    };
    ResourceRow row;
    row.id = at(0).toString();
    row.kind = at(1).toString();
    row.name = at(2).toString();
    row.barcode = text(at(3));
    row.parentId = text(at(4));
    row.position = text(at(5));
    row.schemaId = text(at(6));
    row.archiveReason = text(at(7));
    row.creatorId = text(at(8));
    row.createdAt = at(9).toString();
    row.modifiedAt = at(10).toString();
    row.data = QJsonDocument::fromJson(at(11).toByteArray()).object();
    row.schemaName = text(at(12));
    row.creatorHandle = text(at(13));
    row.creatorName = text(at(14));
    return row;
}

std::optional<ResourceRow> Resources::find(const QString &id) const
{
    SqlConditions where;
    where.add(u"r.id = ?"_s, {id});
    const auto rows = select(where);
    return rows.isEmpty() ? std::nullopt : std::optional(rows.first());
}

std::optional<ResourceRow> Resources::find(const QString &kind, const QString &id) const
{
    auto row = find(id);
    return row && row->kind == kind ? row : std::nullopt;
}

std::optional<ResourceRow> Resources::findByBarcode(const QString &barcode) const
{
    SqlConditions where;
    where.add(u"r.barcode = ?"_s, {barcode});
    const auto rows = select(where);
    return rows.isEmpty() ? std::nullopt : std::optional(rows.first());
}

QList<ResourceRow> Resources::select(const SqlConditions &where, const QString &orderAndLimit) const
{
    QSqlQuery query =
        m_db.exec(selectSql() + where.whereSql() + u' ' + orderAndLimit, where.bindings);
    QList<ResourceRow> rows;
    while (query.next())
        rows.append(read(query));
    return rows;
}

QList<ResourceRow> Resources::selectIn(const QString &column, const QStringList &values,
                                       const SqlConditions &where) const
{
    QString sql = selectSql() + u" WHERE "_s;
    for (const QString &clause : where.clauses)
        sql += clause + u" AND "_s;
    QList<ResourceRow> rows;
    selectInChunks(m_db, sql + column + u" IN (%1)"_s, where.bindings, values,
                   [&rows](const QSqlQuery &query) { rows.append(read(query)); });
    return rows;
}

int Resources::count(const SqlConditions &where) const
{
    QSqlQuery query =
        m_db.exec(u"SELECT COUNT(*) FROM resources r"_s + where.whereSql(), where.bindings);
    return query.next() ? query.value(0).toInt() : 0;
}

std::optional<ApiFailure> Resources::checkUnique(const ResourceRow &row) const
{
    if (!row.barcode.isNull()) {
        QSqlQuery holder = m_db.exec(u"SELECT id FROM resources WHERE barcode = ? AND id <> ?"_s,
                                     {row.barcode, row.id});
        if (holder.next()) {
            return ApiFailure::badRequest(
                u"The barcode %1 is already used by %2; barcodes are unique across the registry."_s
                    .arg(row.barcode, holder.value(0).toString()));
        }
    }
    if (!row.position.isNull()) {
        QSqlQuery holder = m_db.exec(
            u"SELECT id, name FROM resources WHERE parent_id = ? AND position = ? AND id <> ?"_s,
            {row.parentId, row.position, row.id});
        if (holder.next()) {
            return ApiFailure::badRequest(
                u"Position %1 of %2 is already occupied by %3 (%4)."_s.arg(
                    row.position, row.parentId, holder.value(1).toString(),
                    holder.value(0).toString()));
        }
    }
    return std::nullopt;
}

std::optional<ApiFailure> Resources::write(const QString &sql, const QVariantList &bindings,
                                           const ResourceRow &row)
{
    QSqlQuery query = m_db.exec(sql, bindings);
    if (!query.lastError().isValid())
        return std::nullopt;
    if (Database::isUniqueViolation(query)) {
        // Lost a race the checks above could not see (another server process without the
        // writer lock): the constraint still holds.
        return ApiFailure::badRequest(
            u"%1 conflicts with another record (its barcode or position is taken)."_s.arg(row.id));
    }
    return ApiFailure::internal();
}

std::optional<ApiFailure> Resources::insert(ResourceRow &row)
{
    if (auto failure = checkUnique(row))
        return failure;
    const QString now = timestampNow();
    if (row.createdAt.isEmpty())
        row.createdAt = now;
    if (row.modifiedAt.isEmpty())
        row.modifiedAt = row.createdAt;
    return write(u"INSERT INTO resources (id, kind, name, name_folded, barcode, parent_id, "
                 "position, schema_id, archive_reason, creator_id, created_at, modified_at, data) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                 {row.id, row.kind, row.name, foldName(row.name), nullableText(row.barcode),
                  nullableText(row.parentId), nullableText(row.position),
                  nullableText(row.schemaId), nullableText(row.archiveReason),
                  nullableText(row.creatorId), row.createdAt, row.modifiedAt,
                  QString::fromUtf8(QJsonDocument(row.data).toJson(QJsonDocument::Compact))},
                 row);
}

std::optional<ApiFailure> Resources::update(ResourceRow &row)
{
    if (auto failure = checkUnique(row))
        return failure;
    row.modifiedAt = timestampNow();
    return write(u"UPDATE resources SET name = ?, name_folded = ?, barcode = ?, parent_id = ?, "
                 "position = ?, schema_id = ?, archive_reason = ?, modified_at = ?, data = ? "
                 "WHERE id = ?"_s,
                 {row.name, foldName(row.name), nullableText(row.barcode),
                  nullableText(row.parentId), nullableText(row.position),
                  nullableText(row.schemaId), nullableText(row.archiveReason), row.modifiedAt,
                  QString::fromUtf8(QJsonDocument(row.data).toJson(QJsonDocument::Compact)),
                  row.id},
                 row);
}

std::optional<ApiFailure> Resources::remove(const QString &id)
{
    QSqlQuery query = m_db.exec(u"DELETE FROM resources WHERE id = ?"_s, {id});
    return query.lastError().isValid() ? std::optional(ApiFailure::internal()) : std::nullopt;
}

QStringList Resources::descendants(const QString &id) const
{
    QSqlQuery query = m_db.exec(
        u"WITH RECURSIVE below(id) AS (SELECT id FROM resources WHERE parent_id = ? UNION "
        "SELECT c.id FROM resources c JOIN below b ON c.parent_id = b.id) SELECT id FROM below"_s,
        {id});
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    return ids;
}

} // namespace benchtop::server
