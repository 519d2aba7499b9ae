#include "LocationRoutes.h"

#include "ApiError.h"
#include "Paging.h"
#include "Router.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

const QString kSelect = u"SELECT l.id, l.name, l.barcode, l.parent_storage_id, l.schema_id, "
                        "s.name, l.fields, l.archive_reason, l.created_at, l.modified_at, u.id, "
                        "u.handle, u.name FROM locations l LEFT JOIN schemas s ON s.id = "
                        "l.schema_id LEFT JOIN users u ON u.id = l.creator_id"_s;

const QList<SortOption> kSorts = {
    {u"modifiedAt"_s, u"l.modified_at"_s},
    {u"createdAt"_s, u"l.created_at"_s},
    {u"name"_s, u"l.name"_s},
    {u"barcode"_s, u"COALESCE(l.barcode, '')"_s},
};

QJsonValue nullable(const QVariant &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value.toString());
}

// Reads a row of kSelect whose columns start at `first` (list queries put the sort value first).
QJsonObject locationJson(const QSqlQuery &query, int first, const QString &baseUrl)
{
    const auto row = [&](int column) {
        return query.value(first + column);
    };
    const QString id = row(0).toString();
    QJsonObject json{
        {u"id"_s, id},
        {u"name"_s, row(1).toString()},
        {u"barcode"_s, row(2).toString()},
        {u"parentStorageId"_s, nullable(row(3))},
        {u"fields"_s, QJsonDocument::fromJson(row(6).toByteArray()).object()},
        {u"createdAt"_s, row(8).toString()},
        {u"modifiedAt"_s, row(9).toString()},
        {u"webURL"_s, QString(baseUrl + u"/locations/"_s + id)},
        // Capacity limits arrive with boxes and plates; until then no location is limited,
        // which the spec expresses as null for all three.
        {u"totalCapacity"_s, QJsonValue::Null},
        {u"occupiedCapacity"_s, QJsonValue::Null},
        {u"availableCapacity"_s, QJsonValue::Null},
    };
    json.insert(u"schema"_s, row(4).isNull() ? QJsonValue(QJsonValue::Null)
                                             : QJsonObject{{u"id"_s, row(4).toString()},
                                                           {u"name"_s, row(5).toString()}});
    json.insert(u"archiveRecord"_s, row(7).isNull()
                                        ? QJsonValue(QJsonValue::Null)
                                        : QJsonObject{{u"reason"_s, row(7).toString()}});
    json.insert(u"creator"_s, QJsonObject{{u"id"_s, row(10).toString()},
                                          {u"handle"_s, row(11).toString()},
                                          {u"name"_s, row(12).toString()}});
    return json;
}

// The spec's "matches all of the provided ids/barcodes, or 400 listing the invalid ones".
std::optional<QString> findMissing(Database &db, const QString &column, const QStringList &values)
{
    SqlConditions where;
    where.addIn(column, values);
    QSqlQuery query =
        db.exec(u"SELECT "_s + column + u" FROM locations"_s + where.whereSql(), where.bindings);
    QStringList missing = values;
    while (query.next())
        missing.removeAll(query.value(0).toString());
    if (missing.isEmpty())
        return std::nullopt;
    return missing.join(u", "_s);
}

bool addFilters(Database &db, const QUrlQuery &query, SqlConditions *where, QString *error)
{
    auto value = [&](const QString &name) {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    };
    if (const QString schemaId = value(u"schemaId"_s); !schemaId.isEmpty())
        where->add(u"l.schema_id = ?"_s, {schemaId});
    if (query.hasQueryItem(u"name"_s))
        where->add(u"l.name = ?"_s, {value(u"name"_s)});
    if (const QString part = value(u"nameIncludes"_s); !part.isEmpty()) {
        QString escaped = part.toLower();
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        where->add(u"LOWER(l.name) LIKE ? ESCAPE '\\'"_s, {QString(u'%' + escaped + u'%')});
    }
    if (const QString ancestor = value(u"ancestorStorageId"_s); !ancestor.isEmpty()) {
        where->add(u"l.id IN (WITH RECURSIVE below(id) AS (SELECT id FROM locations WHERE "
                   "parent_storage_id = ? UNION SELECT c.id FROM locations c JOIN below b ON "
                   "c.parent_storage_id = b.id) SELECT id FROM below)"_s,
                   {ancestor});
    }
    const QString archive = value(u"archiveReason"_s);
    if (archive.isEmpty() || archive == u"NOT_ARCHIVED"_s)
        where->add(u"l.archive_reason IS NULL"_s);
    else if (archive == u"ANY_ARCHIVED"_s)
        where->add(u"l.archive_reason IS NOT NULL"_s);
    else if (archive != u"ANY_ARCHIVED_OR_NOT_ARCHIVED"_s)
        where->add(u"l.archive_reason = ?"_s, {archive});

    for (const auto &[param, column, noun] :
         {std::tuple{u"ids"_s, u"id"_s, u"ids"_s}, {u"barcodes"_s, u"barcode"_s, u"barcodes"_s}}) {
        const QStringList values = splitList(value(param));
        if (values.isEmpty())
            continue;
        if (const auto missing = findMissing(db, column, values)) {
            *error = u"No locations exist with these %1: %2"_s.arg(noun, *missing);
            return false;
        }
        where->addIn(u"l."_s + column, values);
    }
    // Refuse what we do not filter on rather than answer a silent superset.
    for (const auto &[name, item] : query.queryItems()) {
        if (name.startsWith(u"schemaFields"_s)) {
            *error =
                u"Filtering on schema fields (%1) is not supported by this server yet."_s.arg(name);
            return false;
        }
    }
    for (const QString &param : {u"names.anyOf"_s, u"names.anyOf.caseSensitive"_s}) {
        if (splitList(value(param)).size() > 100) {
            *error = u"%1 takes at most 100 names."_s.arg(param);
            return false;
        }
    }
    if (const QStringList names = splitList(value(u"names.anyOf"_s)); !names.isEmpty()) {
        QStringList lowered;
        for (const QString &name : names)
            lowered.append(name.toLower());
        where->addIn(u"LOWER(l.name)"_s, lowered);
    }
    if (const QStringList names = splitList(value(u"names.anyOf.caseSensitive"_s));
        !names.isEmpty())
        where->addIn(u"l.name"_s, names);
    if (const QStringList creators = splitList(value(u"creatorIds"_s)); !creators.isEmpty())
        where->addIn(u"l.creator_id"_s, creators);
    for (const auto &[param, column] :
         {std::pair{u"createdAt"_s, u"l.created_at"_s}, {u"modifiedAt"_s, u"l.modified_at"_s}}) {
        if (query.hasQueryItem(param) && !addDateRange(where, column, value(param), error))
            return false;
    }
    return true;
}

http::HttpResponse listLocations(Database &db, const RequestContext &context)
{
    const QUrlQuery &query = context.request.query;
    QString error;
    const auto page = parsePageRequest(query, kSorts, u"modifiedAt:desc"_s, &error);
    if (!page)
        return badRequest(error);
    SqlConditions where;
    if (!addFilters(db, query, &where, &error))
        return badRequest(error);
    page->constrain(&where, u"l.id"_s);
    // The sort value goes first so the next token can be made from the last row.
    const QString select = u"SELECT "_s + page->sort.expression + u", "_s + kSelect.mid(7);
    QSqlQuery rows =
        db.exec(select + where.whereSql() + page->orderAndLimitSql(u"l.id"_s), where.bindings);
    if (rows.lastError().isValid())
        return internalError();
    QJsonArray locations;
    QString lastSortValue;
    QString lastId;
    bool more = false;
    while (rows.next()) {
        if (locations.size() == page->pageSize) {
            more = true;
            break;
        }
        lastSortValue = rows.value(0).toString();
        lastId = rows.value(1).toString();
        locations.append(locationJson(rows, 1, context.baseUrl));
    }
    return http::HttpResponse::json(
        200, QJsonDocument(QJsonObject{
                 {u"locations"_s, locations},
                 {u"nextToken"_s, more ? page->tokenAfter(lastSortValue, lastId) : QString()}}));
}

} // namespace

void addLocationRoutes(Router &router, Database &db)
{
    router.add("GET", u"/api/v2/locations"_s,
               [&db](const RequestContext &context) { return listLocations(db, context); });
    router.add("GET", u"/api/v2/locations/{location_id}"_s, [&db](const RequestContext &context) {
        const QString id = context.param(u"location_id"_s);
        QSqlQuery row = db.exec(kSelect + u" WHERE l.id = ?"_s, {id});
        if (row.lastError().isValid())
            return internalError();
        if (!row.next())
            return notFound(u"Location %1 was not found."_s.arg(id), id);
        return http::HttpResponse::json(200, QJsonDocument(locationJson(row, 0, context.baseUrl)));
    });
}

} // namespace benchtop::server
