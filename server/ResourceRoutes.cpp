#include "ResourceRoutes.h"

#include "Ids.h"
#include "Tasks.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

using namespace Qt::StringLiterals;

namespace benchtop::server {

QJsonValue archiveRecordJson(const ResourceRow &row)
{
    return row.isArchived() ? QJsonValue(QJsonObject{{u"reason"_s, row.archiveReason}})
                            : QJsonValue(QJsonValue::Null);
}

QJsonObject creatorJson(const ResourceRow &row)
{
    return {
        {u"id"_s, row.creatorId}, {u"handle"_s, row.creatorHandle}, {u"name"_s, row.creatorName}};
}

QJsonValue schemaSummaryJson(const ResourceRow &row)
{
    if (row.schemaId.isNull())
        return QJsonValue::Null;
    return QJsonObject{{u"id"_s, row.schemaId}, {u"name"_s, row.schemaName}};
}

QJsonValue nullableJson(const QString &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

ResourceType ResourceType::named(const QString &kind, const QString &idPrefix,
                                 const QString &plural, const QString &noun)
{
    const auto camel = [](const QString &snake) {
        QString out;
        bool upper = false;
        for (const QChar c : snake) {
            if (c == u'_') {
                upper = true;
                continue;
            }
            out += upper ? c.toUpper() : c;
            upper = false;
        }
        return out;
    };
    ResourceType type;
    type.kind = kind;
    type.idPrefix = idPrefix;
    type.collection = QString(plural).replace(u'_', u'-');
    type.listKey = camel(plural);
    type.idParam = kind + u"_id"_s;
    type.idsKey = camel(kind) + u"Ids"_s;
    type.noun = noun;
    return type;
}

QString webUrl(const RequestContext &context, const QString &path, const QString &id)
{
    return context.baseUrl + u'/' + path + u'/' + id;
}

namespace {

// "x IN (...)" over the ids that exist among `values`; *missing gets the others.
QStringList existing(Database &db, const QString &kind, const QString &column,
                     const QStringList &values, QStringList *missing)
{
    SqlConditions where;
    where.add(u"kind = ?"_s, {kind});
    where.addIn(column, values);
    QSqlQuery query =
        db.exec(u"SELECT "_s + column + u" FROM resources"_s + where.whereSql(), where.bindings);
    QStringList found;
    while (query.next())
        found.append(query.value(0).toString());
    for (const QString &value : values) {
        if (!found.contains(value))
            missing->append(value);
    }
    return found;
}

std::optional<ApiFailure> sharedFilters(ServerContext &server, const ResourceType &type,
                                        const RequestContext &context, SqlConditions &where)
{
    const QUrlQuery &query = context.request.query;
    const auto value = [&](const QString &name) {
        return queryValue(context, name);
    };
    where.add(u"r.kind = ?"_s, {type.kind});
    if (const QString schemaId = value(u"schemaId"_s); !schemaId.isEmpty())
        where.add(u"r.schema_id = ?"_s, {schemaId});
    if (query.hasQueryItem(u"name"_s))
        where.add(u"r.name = ?"_s, {value(u"name"_s)});
    if (const QString part = value(u"nameIncludes"_s); !part.isEmpty()) {
        QString escaped = foldName(part);
        escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
        where.add(u"r.name_folded LIKE ? ESCAPE '\\'"_s, {QString(u'%' + escaped + u'%')});
    }
    if (type.isStorage) {
        if (const QString ancestor = value(u"ancestorStorageId"_s); !ancestor.isEmpty()) {
            where.add(u"r.id IN (WITH RECURSIVE below(id) AS (SELECT id FROM resources WHERE "
                      "parent_id = ? UNION SELECT c.id FROM resources c JOIN below b ON "
                      "c.parent_id = b.id) SELECT id FROM below)"_s,
                      {ancestor});
        }
    }
    if (!type.parentFilter.isEmpty()) {
        if (const QStringList parents = splitList(value(type.parentFilter)); !parents.isEmpty())
            where.addIn(u"r.parent_id"_s, parents);
    }
    const QString archive = value(u"archiveReason"_s);
    if (archive.isEmpty() || archive == u"NOT_ARCHIVED"_s)
        where.add(u"r.archive_reason IS NULL"_s);
    else if (archive == u"ANY_ARCHIVED"_s)
        where.add(u"r.archive_reason IS NOT NULL"_s);
    else if (archive != u"ANY_ARCHIVED_OR_NOT_ARCHIVED"_s)
        where.add(u"r.archive_reason = ?"_s, {archive});

    QList<std::pair<QString, QString>> lists{{u"ids"_s, u"id"_s}};
    if (type.hasBarcodes)
        lists.append({u"barcodes"_s, u"barcode"_s});
    for (const auto &[param, column] : std::as_const(lists)) {
        const QStringList values = splitList(value(param));
        if (values.isEmpty())
            continue;
        QStringList missing;
        existing(server.db, type.kind, column, values, &missing);
        if (!missing.isEmpty()) {
            return ApiFailure::badRequest(
                u"No %1 exist with these %2: %3"_s.arg(type.noun, param, missing.join(u", "_s)),
                missing.first());
        }
        where.addIn(u"r."_s + column, values);
    }
    for (const auto &[name, item] : query.queryItems()) {
        if (name.startsWith(u"schemaFields"_s)) {
            return ApiFailure::badRequest(
                u"Filtering on schema fields (%1) is not supported by this server yet."_s.arg(
                    name));
        }
    }
    for (const QString &param : {u"names.anyOf"_s, u"names.anyOf.caseSensitive"_s}) {
        if (splitList(value(param)).size() > 100)
            return ApiFailure::badRequest(u"%1 takes at most 100 names."_s.arg(param));
    }
    if (const QStringList names = splitList(value(u"names.anyOf"_s)); !names.isEmpty()) {
        QStringList folded;
        for (const QString &name : names)
            folded.append(foldName(name));
        where.addIn(u"r.name_folded"_s, folded);
    }
    if (const QStringList names = splitList(value(u"names.anyOf.caseSensitive"_s));
        !names.isEmpty())
        where.addIn(u"r.name"_s, names);
    if (const QStringList creators = splitList(value(u"creatorIds"_s)); !creators.isEmpty())
        where.addIn(u"r.creator_id"_s, creators);
    for (const auto &[param, column] :
         {std::pair{u"createdAt"_s, u"r.created_at"_s}, {u"modifiedAt"_s, u"r.modified_at"_s}}) {
        QString error;
        if (query.hasQueryItem(param) && !addDateRange(&where, column, value(param), &error))
            return ApiFailure::badRequest(error);
    }
    if (type.filters)
        return type.filters(context, where);
    return std::nullopt;
}

http::HttpResponse list(ServerContext &server, const ResourceType &type,
                        const RequestContext &context)
{
    QList<SortOption> sorts{{u"modifiedAt"_s, u"r.modified_at"_s},
                            {u"createdAt"_s, u"r.created_at"_s},
                            {u"name"_s, u"r.name"_s}};
    sorts.append(type.extraSorts);
    QString error;
    auto page = parsePageRequest(context.request.query, sorts, type.defaultSort, &error);
    if (!page)
        return badRequest(error);
    SqlConditions where;
    if (auto failure = sharedFilters(server, type, context, where))
        return failure->response();
    // ORDER BY and the keyset comparison in one collation, the same on both back ends.
    page->sort.expression = server.db.sortableText(page->sort.expression);
    const QString idExpression = server.db.sortableText(u"r.id"_s);
    page->constrain(&where, idExpression);
    // The sort value goes first so the next token can be made from the last row.
    const QString select =
        u"SELECT "_s + page->sort.expression + u", "_s + Resources::selectSql().mid(7);
    QSqlQuery rows = server.db.exec(
        select + where.whereSql() + page->orderAndLimitSql(idExpression), where.bindings);
    if (rows.lastError().isValid())
        return internalError();
    QJsonArray items;
    QString lastSortValue;
    QString lastId;
    bool more = false;
    // Read the whole page before building JSON: toJson may query (capacities, contents), and
    // on PostgreSQL a new query on the connection discards a result still being read.
    QList<ResourceRow> pageRows;
    while (rows.next()) {
        if (pageRows.size() == page->pageSize) {
            more = true;
            break;
        }
        lastSortValue = rows.value(0).toString();
        pageRows.append(Resources::read(rows, 1));
    }
    rows.finish();
    if (!pageRows.isEmpty())
        lastId = pageRows.last().id;
    for (const QJsonObject &item : resource_ops::pageJson(type, context, pageRows))
        items.append(item);
    return jsonResponse(
        200, {{type.listKey, items},
              {u"nextToken"_s, more ? page->tokenAfter(lastSortValue, lastId) : QString()}});
}

http::HttpResponse notFoundFor(const ResourceType &type, const QString &id)
{
    return notFound(u"Not found: none of the %1 has the id %2."_s.arg(type.noun, id), id);
}

http::HttpResponse getOne(ServerContext &server, const ResourceType &type,
                          const RequestContext &context)
{
    const QString id = context.param(type.idParam);
    const auto row = server.resources.find(type.kind, id);
    if (!row)
        return notFoundFor(type, id);
    return jsonResponse(200, type.toJson(context, *row));
}

http::HttpResponse bulkGet(ServerContext &server, const ResourceType &type,
                           const RequestContext &context)
{
    QList<std::pair<QString, QString>> lists{{type.idsKey, u"id"_s}};
    if (type.hasBarcodes)
        lists.append({u"barcodes"_s, u"barcode"_s});
    SqlConditions where;
    where.add(u"r.kind = ?"_s, {type.kind});
    QStringList alternatives;
    QVariantList bindings;
    int requested = 0;
    for (const auto &[param, column] : std::as_const(lists)) {
        const QStringList values = splitList(queryValue(context, param));
        if (values.isEmpty())
            continue;
        requested += int(values.size());
        QStringList missing;
        existing(server.db, type.kind, column, values, &missing);
        if (!missing.isEmpty()) {
            return badRequest(
                u"No %1 exist with these %2: %3"_s.arg(type.noun, param, missing.join(u", "_s)));
        }
        SqlConditions in;
        in.addIn(u"r."_s + column, values);
        alternatives.append(in.clauses.first());
        bindings.append(in.bindings);
    }
    if (requested == 0) {
        return badRequest(u"Name the %1 to get with %2%3."_s.arg(
            type.noun, type.idsKey, type.hasBarcodes ? u" or barcodes"_s : QString()));
    }
    if (requested > 100)
        return badRequest(u"A bulk get takes at most 100 ids or barcodes."_s);
    where.add(u'(' + alternatives.join(u" OR "_s) + u')', bindings);
    QJsonArray items;
    const auto rows =
        server.resources.select(where, u"ORDER BY "_s + server.db.sortableText(u"r.id"_s));
    for (const QJsonObject &item : resource_ops::pageJson(type, context, rows))
        items.append(item);
    return jsonResponse(200, {{type.listKey, items}});
}

http::HttpResponse answer(const std::variant<ResourceRow, ApiFailure> &result, int status,
                          ServerContext &server, const ResourceType &type,
                          const RequestContext &context)
{
    if (const auto *failure = std::get_if<ApiFailure>(&result))
        return failure->response();
    return jsonResponse(
        status, resource_ops::freshJson(server, type, context, std::get<ResourceRow>(result).id));
}

http::HttpResponse setArchived(ServerContext &server, const ResourceType &type,
                               const RequestContext &context, bool archive)
{
    JsonBody body(context.request.body);
    const QStringList ids = body.stringList(type.idsKey);
    QString reason;
    if (archive) {
        body.allowOnly({type.idsKey, u"reason"_s, u"shouldRemoveBarcodes"_s});
        body.require({type.idsKey, u"reason"_s});
        reason = body.oneOf(u"reason"_s, type.archiveReasons);
    } else {
        body.allowOnly({type.idsKey}).require({type.idsKey});
    }
    const bool removeBarcodes = archive && body.boolean(u"shouldRemoveBarcodes"_s);
    if (!body.ok())
        return body.failure()->response();
    if (ids.isEmpty())
        return badRequest(
            u"Field '%1' must name at least one of the %2."_s.arg(type.idsKey, type.noun));
    QStringList missing;
    existing(server.db, type.kind, u"id"_s, ids, &missing);
    if (!missing.isEmpty()) {
        return apiError(400, u"invalid_request_error"_s,
                        u"No %1 exist with these ids: %2"_s.arg(type.noun, missing.join(u", "_s)),
                        missing.first());
    }
    QHash<QString, QStringList> changed{{type.idsKey, ids}};
    // What a cascade archives remembers what it was archived with ("archivedWith" in data), so
    // that unarchiving that one restores exactly "the contents that were archived along with
    // them" (the spec's words), and not what had been archived on its own before.
    QHash<QString, QString> archivedWith; // cascaded id -> the requested id it goes with
    if (type.archiveCascade) {
        if (archive) {
            // What is archived already keeps its own reason (and stays archived on unarchive).
            const auto cascade = type.archiveCascade(ids);
            for (auto it = cascade.begin(); it != cascade.end(); ++it) {
                for (const QString &below : it.value()) {
                    const auto row = server.resources.find(below);
                    if (row && !row->isArchived())
                        changed[it.key()].append(below);
                }
            }
        }
        for (const QString &id : ids) {
            const auto cascade = type.archiveCascade({id});
            for (auto it = cascade.begin(); it != cascade.end(); ++it) {
                for (const QString &below : it.value()) {
                    const auto row = server.resources.find(below);
                    if (!row)
                        continue;
                    if (archive && !row->isArchived()) {
                        archivedWith.insert(below, id);
                    } else if (!archive && row->data.value(u"archivedWith"_s).toString() == id) {
                        archivedWith.insert(below, id);
                        if (!changed[it.key()].contains(below))
                            changed[it.key()].append(below);
                    }
                }
            }
        }
    }
    QJsonObject change;
    for (auto it = changed.begin(); it != changed.end(); ++it) {
        for (const QString &id : std::as_const(it.value())) {
            auto row = server.resources.find(id);
            if (!row)
                continue;
            row->archiveReason = archive ? reason : QString();
            if (archive && archivedWith.contains(id))
                row->data.insert(u"archivedWith"_s, archivedWith.value(id));
            else if (!archive)
                row->data.remove(u"archivedWith"_s);
            if (removeBarcodes)
                row->barcode = QString();
            if (auto failure = server.resources.update(*row))
                return failure->response();
        }
        change.insert(it.key(), QJsonArray::fromStringList(it.value()));
    }
    return jsonResponse(200, change);
}

using OneItem =
    std::function<std::variant<ResourceRow, ApiFailure>(const RequestContext &, JsonBody &)>;

// Bulk create/update: one background task; all items land or none (FAILED lists each bad
// item by index).
http::HttpResponse bulk(ServerContext &server, const ResourceType &type,
                        const RequestContext &context, OneItem one)
{
    JsonBody body(context.request.body);
    body.allowOnly({type.listKey}).require({type.listKey});
    const QJsonArray items = body.array(type.listKey);
    if (!body.ok())
        return body.failure()->response();
    if (items.isEmpty() || items.size() > type.maxBulkItems) {
        return badRequest(u"Field '%1' must hold between 1 and %2 items."_s.arg(type.listKey)
                              .arg(type.maxBulkItems));
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isObject())
            return badRequest(u"Item %1 of '%2' must be an object."_s.arg(i).arg(type.listKey));
    }
    auto detached = std::make_shared<DetachedContext>(context);
    return server.tasks.start(context, [&server, &type, detached, items, one]() {
        const RequestContext taskContext = detached->context();
        QJsonArray results;
        QJsonArray errors;
        for (qsizetype i = 0; i < items.size(); ++i) {
            JsonBody item(items[i].toObject(), u"Item %1"_s.arg(i));
            const auto result = one(taskContext, item);
            if (const auto *failure = std::get_if<ApiFailure>(&result)) {
                errors.append(QJsonObject{{u"index"_s, int(i)}, {u"message"_s, failure->message}});
                continue;
            }
            results.append(resource_ops::freshJson(server, type, taskContext,
                                                   std::get<ResourceRow>(result).id));
        }
        if (!errors.isEmpty()) {
            return TaskOutcome::failure(
                u"%1 of %2 items were refused; nothing was saved."_s.arg(errors.size())
                    .arg(items.size()),
                errors);
        }
        return TaskOutcome{true, {{type.listKey, results}}, {}, {}};
    });
}

} // namespace

namespace resource_ops {

std::optional<ApiFailure> checkSchema(ServerContext &server, const QString &schemaKind,
                                      const QString &schemaId)
{
    QSqlQuery query = server.db.exec(u"SELECT kind FROM schemas WHERE id = ?"_s, {schemaId});
    if (!query.next())
        return ApiFailure::badRequest(u"No schema has the id %1."_s.arg(schemaId), schemaId);
    if (!schemaKind.isEmpty() && query.value(0).toString() != schemaKind) {
        return ApiFailure::badRequest(u"Schema %1 is a %2 schema; this needs a %3 schema."_s.arg(
                                          schemaId, query.value(0).toString(), schemaKind),
                                      schemaId);
    }
    return std::nullopt;
}

std::variant<ResourceRow, ApiFailure> createOne(ServerContext &server, const ResourceType &type,
                                                const RequestContext &context, JsonBody &body)
{
    ResourceRow row;
    row.id = newId(type.idPrefix);
    row.kind = type.kind;
    row.creatorId = context.principal.userId;
    if (!body.ok())
        return *body.failure();
    std::optional<ApiFailure> failure = type.create(context, body, row);
    if (!failure && !body.ok())
        failure = body.failure();
    if (!failure && !row.schemaId.isNull())
        failure = checkSchema(server, type.schemaKind, row.schemaId);
    if (!failure)
        failure = server.resources.insert(row);
    if (failure)
        return *failure;
    return row;
}

std::variant<ResourceRow, ApiFailure> updateOne(ServerContext &server, const ResourceType &type,
                                                const RequestContext &context, const QString &id,
                                                JsonBody &body)
{
    auto row = server.resources.find(type.kind, id);
    if (!row)
        return ApiFailure::notFound(
            u"Not found: none of the %1 has the id %2."_s.arg(type.noun, id), id);
    if (!body.ok())
        return *body.failure();
    const QString schemaBefore = row->schemaId;
    std::optional<ApiFailure> failure = type.update(context, body, *row);
    if (!failure && !body.ok())
        failure = body.failure();
    if (!failure && row->schemaId != schemaBefore && !row->schemaId.isNull())
        failure = checkSchema(server, type.schemaKind, row->schemaId);
    if (!failure)
        failure = server.resources.update(*row);
    if (failure)
        return *failure;
    return *row;
}

QList<QJsonObject> pageJson(const ResourceType &type, const RequestContext &context,
                            const QList<ResourceRow> &rows)
{
    if (type.toJsonPage)
        return type.toJsonPage(context, rows);
    QList<QJsonObject> json;
    json.reserve(rows.size());
    for (const ResourceRow &row : rows)
        json.append(type.toJson(context, row));
    return json;
}

QJsonObject freshJson(ServerContext &server, const ResourceType &type,
                      const RequestContext &context, const QString &id)
{
    const auto row = server.resources.find(id);
    return row ? type.toJson(context, *row) : QJsonObject();
}

} // namespace resource_ops

void addResourceRoutes(Router &router, ServerContext &server, const ResourceType &type,
                       unsigned operations)
{
    const QString base = u"/api/v2/"_s + type.collection;
    // The type lives as long as the router: routes keep a pointer to a copy.
    auto shared = std::make_shared<const ResourceType>(type);
    ServerContext *s = &server;
    if (operations & List)
        router.add("GET", base,
                   [s, shared](const RequestContext &c) { return list(*s, *shared, c); });
    if (operations & Get) {
        router.add("GET", base + u"/{"_s + type.idParam + u'}',
                   [s, shared](const RequestContext &c) { return getOne(*s, *shared, c); });
    }
    if (operations & Create) {
        Q_ASSERT(type.create);
        router.add("POST", base, [s, shared](const RequestContext &c) {
            JsonBody body(c.request.body);
            return answer(resource_ops::createOne(*s, *shared, c, body), 201, *s, *shared, c);
        });
    }
    if (operations & Update) {
        Q_ASSERT(type.update);
        router.add("PATCH", base + u"/{"_s + type.idParam + u'}',
                   [s, shared](const RequestContext &c) {
                       JsonBody body(c.request.body);
                       return answer(
                           resource_ops::updateOne(*s, *shared, c, c.param(shared->idParam), body),
                           200, *s, *shared, c);
                   });
    }
    if (operations & Archive) {
        router.add("POST", base + u":archive"_s, [s, shared](const RequestContext &c) {
            return setArchived(*s, *shared, c, true);
        });
    }
    if (operations & Unarchive) {
        router.add("POST", base + u":unarchive"_s, [s, shared](const RequestContext &c) {
            return setArchived(*s, *shared, c, false);
        });
    }
    if (operations & BulkGet) {
        router.add("GET", base + u":bulk-get"_s,
                   [s, shared](const RequestContext &c) { return bulkGet(*s, *shared, c); });
    }
    if (operations & BulkCreate) {
        router.add("POST", base + u":bulk-create"_s, [s, shared](const RequestContext &c) {
            return bulk(*s, *shared, c, [s, shared](const RequestContext &tc, JsonBody &item) {
                return resource_ops::createOne(*s, *shared, tc, item);
            });
        });
    }
    if (operations & BulkUpdate) {
        router.add("POST", base + u":bulk-update"_s, [s, shared](const RequestContext &c) {
            return bulk(*s, *shared, c, [s, shared](const RequestContext &tc, JsonBody &item) {
                const QString id = item.string(u"id"_s);
                if (id.isEmpty())
                    return std::variant<ResourceRow, ApiFailure>(
                        ApiFailure::badRequest(u"Each item needs its 'id'."_s));
                QJsonObject fields = item.object();
                fields.remove(u"id"_s);
                JsonBody patch(fields, u"Item %1"_s.arg(id));
                return resource_ops::updateOne(*s, *shared, tc, id, patch);
            });
        });
    }
}

} // namespace benchtop::server
