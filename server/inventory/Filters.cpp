// List filters of the inventory families (see Filters.h).
#include "Filters.h"

#include "Routes.h"

#include "server/storage/Database.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

const QString kFilledSql =
    u"(SELECT COUNT(*) FROM resources c WHERE c.parent_id = r.id AND c.kind = 'container')"_s;

const QString kEmptyContainersSql =
    u"(SELECT COUNT(*) FROM resources c WHERE c.parent_id = r.id AND c.kind = 'container' AND "
    "NOT EXISTS (SELECT 1 FROM container_contents cc WHERE cc.container_id = c.id))"_s;

// "(CASE r.schema_id WHEN ? THEN 81 ... ELSE 0 END)": each box or plate schema's grid size.
std::pair<QString, QVariantList> sizeSql(Database &db)
{
    QSqlQuery query =
        db.exec(u"SELECT id, definition FROM schemas WHERE kind IN ('box', 'plate')"_s);
    QString sql = u"(CASE r.schema_id"_s;
    QVariantList bindings;
    while (query.next()) {
        const QJsonObject definition =
            QJsonDocument::fromJson(query.value(1).toByteArray()).object();
        sql += u" WHEN ? THEN %1"_s.arg(definition.value(u"height"_s).toInt() *
                                        definition.value(u"width"_s).toInt());
        bindings.append(query.value(0).toString());
    }
    if (bindings.isEmpty())
        return {u"0"_s, {}};
    return {sql + u" ELSE 0 END)"_s, bindings};
}

// emptyPositions, emptyPositions.gte, ... as SQL comparisons on `expression`.
std::optional<ApiFailure> addCountFilters(const RequestContext &context, SqlConditions &where,
                                          const QString &param, const QString &expression,
                                          const QVariantList &expressionBindings)
{
    static const QList<std::pair<QString, QString>> operators{{QString(), u"="_s},
                                                              {u".gte"_s, u">="_s},
                                                              {u".gt"_s, u">"_s},
                                                              {u".lte"_s, u"<="_s},
                                                              {u".lt"_s, u"<"_s}};
    for (const auto &[suffix, op] : operators) {
        const QString name = param + suffix;
        if (!context.request.query.hasQueryItem(name))
            continue;
        bool ok = false;
        const int value = queryValue(context, name).toInt(&ok);
        if (!ok)
            return ApiFailure::badRequest(u"%1 must be a whole number."_s.arg(name));
        QVariantList bindings = expressionBindings;
        bindings.append(value);
        where.add(u"%1 %2 ?"_s.arg(expression, op), bindings);
    }
    return std::nullopt;
}

// storageContentsId(s): storage holding containers with these entities (or entity schema).
std::optional<ApiFailure> addContentsFilters(const RequestContext &context, SqlConditions &where,
                                             bool containers)
{
    const QString holder =
        containers ? u"r.id IN (SELECT cc.container_id "_s : u"r.id IN (SELECT c.parent_id "_s;
    const QString join =
        containers ? u"FROM container_contents cc JOIN resources e ON e.id = cc.entity_id"_s
                   : u"FROM resources c JOIN container_contents cc ON cc.container_id = "
                     "c.id JOIN resources e ON e.id = cc.entity_id"_s;
    if (const QString id = queryValue(context, u"storageContentsId"_s); !id.isEmpty())
        where.add(holder + join + u" WHERE cc.entity_id = ? OR e.schema_id = ?)"_s, {id, id});
    if (const QStringList ids = splitList(queryValue(context, u"storageContentsIds"_s));
        !ids.isEmpty()) {
        SqlConditions in;
        in.addIn(u"cc.entity_id"_s, ids);
        where.add(holder + join + u" WHERE "_s + in.clauses.first() + u')', in.bindings);
    }
    return std::nullopt;
}

} // namespace

std::optional<ApiFailure> storageFilters(ServerContext &server, const RequestContext &context,
                                         SqlConditions &where)
{
    const auto [size, sizeBindings] = sizeSql(server.db);
    if (auto failure = addCountFilters(context, where, u"emptyPositions"_s,
                                       u"(%1 - %2)"_s.arg(size, kFilledSql), sizeBindings))
        return failure;
    if (auto failure =
            addCountFilters(context, where, u"emptyContainers"_s, kEmptyContainersSql, {}))
        return failure;
    return addContentsFilters(context, where, false);
}

std::optional<ApiFailure> containerFilters(ServerContext &server, const RequestContext &context,
                                           SqlConditions &where)
{
    static const QStringList statuses{u"AVAILABLE"_s, u"RESERVED"_s, u"CHECKED_OUT"_s};
    if (const QStringList wanted = splitList(queryValue(context, u"checkoutStatus"_s));
        !wanted.isEmpty()) {
        for (const QString &status : wanted) {
            if (!statuses.contains(status)) {
                return ApiFailure::badRequest(
                    u"checkoutStatus takes AVAILABLE, RESERVED and CHECKED_OUT, not \"%1\"."_s.arg(
                        status));
            }
        }
        SqlConditions in;
        in.addIn(u"COALESCE((SELECT k.status FROM container_checkouts k WHERE k.container_id = "
                 "r.id), 'AVAILABLE')"_s,
                 wanted);
        where.add(in.clauses.first(), in.bindings);
    }
    if (const QStringList assignees =
            splitList(queryValue(context, u"checkoutAssigneeIds.anyOf"_s));
        !assignees.isEmpty()) {
        if (assignees.size() > 100)
            return ApiFailure::badRequest(u"checkoutAssigneeIds.anyOf takes at most 100 ids."_s);
        SqlConditions in;
        in.addIn(u"k.assignee_id"_s, assignees);
        where.add(u"r.id IN (SELECT k.container_id FROM container_checkouts k WHERE k.status <> "
                  "'AVAILABLE' AND "_s +
                      in.clauses.first() + u')',
                  in.bindings);
    }
    if (const QStringList wanted = splitList(queryValue(context, u"restrictionStatus"_s));
        !wanted.isEmpty()) {
        for (const QString &status : wanted) {
            if (!QStringList{u"RESTRICTED"_s, u"UNRESTRICTED"_s, u"NOT_APPLICABLE"_s}.contains(
                    status))
                return ApiFailure::badRequest(
                    u"restrictionStatus takes RESTRICTED, UNRESTRICTED and NOT_APPLICABLE, not \"%1\"."_s
                        .arg(status));
        }
    }
    Q_UNUSED(server);
    return addContentsFilters(context, where, true);
}

} // namespace benchtop::server::inventory
