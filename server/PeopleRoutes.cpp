#include "PeopleRoutes.h"

#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

// A LIKE pattern that matches `part` anywhere, case-insensitively (on LOWER(column)).
QString containsPattern(const QString &part)
{
    QString escaped = part.toLower();
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

// The filters users and teams share: ids (every one must exist), name, nameIncludes,
// names.anyOf(.caseSensitive) and modifiedAt. `alias` is the table's alias.
std::optional<ApiFailure> sharedFilters(Database &db, const RequestContext &context,
                                        const QString &table, const QString &alias,
                                        const QString &noun, SqlConditions &where)
{
    const QUrlQuery &query = context.request.query;
    if (const QStringList ids = splitList(queryValue(context, u"ids"_s)); !ids.isEmpty()) {
        QStringList missing;
        for (const QString &id : ids) {
            if (!db.exec(u"SELECT 1 FROM "_s + table + u" WHERE id = ?"_s, {id}).next())
                missing.append(id);
        }
        if (!missing.isEmpty()) {
            return ApiFailure::badRequest(
                u"No %1 exist with these ids: %2"_s.arg(noun, missing.join(u", "_s)),
                missing.first());
        }
        where.addIn(alias + u".id"_s, ids);
    }
    if (query.hasQueryItem(u"name"_s))
        where.add(alias + u".name = ?"_s, {queryValue(context, u"name"_s)});
    if (const QString part = queryValue(context, u"nameIncludes"_s); !part.isEmpty())
        where.add(u"LOWER("_s + alias + u".name) LIKE ? ESCAPE '\\'"_s, {containsPattern(part)});
    for (const QString &param : {u"names.anyOf"_s, u"names.anyOf.caseSensitive"_s}) {
        const QStringList names = splitList(queryValue(context, param));
        if (names.size() > 100)
            return ApiFailure::badRequest(u"%1 takes at most 100 names."_s.arg(param));
        if (names.isEmpty())
            continue;
        if (param.endsWith(u"caseSensitive"_s)) {
            where.addIn(alias + u".name"_s, names);
        } else {
            QStringList lowered;
            for (const QString &name : names)
                lowered.append(name.toLower());
            where.addIn(u"LOWER("_s + alias + u".name)"_s, lowered);
        }
    }
    QString error;
    if (query.hasQueryItem(u"modifiedAt"_s) &&
        !addDateRange(&where, alias + u".modified_at"_s, queryValue(context, u"modifiedAt"_s),
                      &error))
        return ApiFailure::badRequest(error);
    return std::nullopt;
}

// "the user is in every one of these groups (teams or organizations), with one of `roles`".
void addGroupFilter(SqlConditions &where, const QStringList &groups, const QStringList &roles)
{
    for (const QString &group : groups) {
        SqlConditions in;
        in.addIn(u"role"_s, roles);
        where.add(u"u.id IN (SELECT user_id FROM team_memberships WHERE team_id = ? AND "_s +
                      in.clauses.first() +
                      u" UNION SELECT user_id FROM organization_memberships WHERE "
                      "organization_id = ? AND "_s +
                      in.clauses.first() + u')',
                  QVariantList{group} + in.bindings + QVariantList{group} + in.bindings);
    }
}

// Runs a paged listing: `select` yields the sort value first, then the item's columns.
template<typename ToJson>
http::HttpResponse pagedList(Database &db, const QString &select, SqlConditions where,
                             const PageRequest &page, const QString &idColumn,
                             const QString &listKey, ToJson toJson)
{
    page.constrain(&where, idColumn);
    QSqlQuery rows =
        db.exec(select + where.whereSql() + page.orderAndLimitSql(idColumn), where.bindings);
    if (rows.lastError().isValid())
        return internalError();
    QJsonArray items;
    QString lastSort, lastId;
    bool more = false;
    while (rows.next()) {
        if (items.size() == page.pageSize) {
            more = true;
            break;
        }
        lastSort = rows.value(0).toString();
        const QJsonObject item = toJson(rows);
        lastId = item.value(u"id"_s).toString();
        items.append(item);
    }
    return jsonResponse(
        200,
        {{listKey, items}, {u"nextToken"_s, more ? page.tokenAfter(lastSort, lastId) : QString()}});
}

const QString kUserColumns =
    u"u.id, u.handle, u.name, u.email, u.is_suspended, (SELECT MAX(k.created_at) FROM api_keys k "
    "WHERE k.user_id = u.id) FROM users u"_s;

QJsonObject userJson(const QSqlQuery &row, int first)
{
    const QVariant keyChanged = row.value(first + 5);
    return {{u"id"_s, row.value(first).toString()},
            {u"handle"_s, row.value(first + 1).toString()},
            {u"name"_s, row.value(first + 2).toString()},
            {u"email"_s,
             row.value(first + 3).isNull() ? QString(u""_s) : row.value(first + 3).toString()},
            {u"isSuspended"_s, row.value(first + 4).toInt() != 0},
            {u"apiKeyLastChangedAt"_s, keyChanged.isNull() ? QJsonValue(QJsonValue::Null)
                                                           : QJsonValue(keyChanged.toString())},
            {u"passwordLastChangedAt"_s, QJsonValue::Null}};
}

http::HttpResponse listUsers(ServerContext &server, const RequestContext &context)
{
    QString error;
    const auto page = parsePageRequest(context.request.query,
                                       {{u"modifiedAt"_s, u"u.modified_at"_s},
                                        {u"createdAt"_s, u"u.created_at"_s},
                                        {u"name"_s, u"u.name"_s}},
                                       u"modifiedAt:desc"_s, &error);
    if (!page)
        return badRequest(error);
    SqlConditions where;
    if (auto failure = sharedFilters(server.db, context, u"users"_s, u"u"_s, u"users"_s, where))
        return failure->response();
    addGroupFilter(where, splitList(queryValue(context, u"memberOf"_s)), {u"MEMBER"_s, u"ADMIN"_s});
    addGroupFilter(where, splitList(queryValue(context, u"adminOf"_s)), {u"ADMIN"_s});
    if (const QStringList handles = splitList(queryValue(context, u"handles"_s));
        !handles.isEmpty())
        where.addIn(u"u.handle"_s, handles);
    const QStringList emails = splitList(queryValue(context, u"email.anyOf"_s));
    if (emails.size() > 100)
        return badRequest(u"email.anyOf takes at most 100 emails."_s);
    if (!emails.isEmpty())
        where.addIn(u"u.email"_s, emails);
    if (context.request.query.hasQueryItem(u"passwordLastChangedAt"_s)) {
        // Users here sign in with API keys only: no password was ever changed.
        where.add(u"1 = 0"_s);
    }
    return pagedList(server.db, u"SELECT "_s + page->sort.expression + u", "_s + kUserColumns,
                     where, *page, u"u.id"_s, u"users"_s,
                     [](const QSqlQuery &row) { return userJson(row, 1); });
}

const QString kTeamColumns = u"t.id, t.name, o.id, o.handle, o.name FROM teams t LEFT JOIN "
                             "organizations o ON o.id = t.organization_id"_s;

QJsonObject teamJson(const QSqlQuery &row, int first)
{
    QJsonObject team{{u"id"_s, row.value(first).toString()},
                     {u"name"_s, row.value(first + 1).toString()}};
    if (!row.value(first + 2).isNull()) {
        team.insert(u"organization"_s, QJsonObject{{u"id"_s, row.value(first + 2).toString()},
                                                   {u"handle"_s, row.value(first + 3).toString()},
                                                   {u"name"_s, row.value(first + 4).toString()}});
    }
    return team;
}

http::HttpResponse listTeams(ServerContext &server, const RequestContext &context)
{
    QString error;
    const auto page = parsePageRequest(context.request.query,
                                       {{u"modifiedAt"_s, u"t.modified_at"_s},
                                        {u"createdAt"_s, u"t.created_at"_s},
                                        {u"name"_s, u"t.name"_s}},
                                       u"modifiedAt:desc"_s, &error);
    if (!page)
        return badRequest(error);
    SqlConditions where;
    if (auto failure = sharedFilters(server.db, context, u"teams"_s, u"t"_s, u"teams"_s, where))
        return failure->response();
    if (const QStringList entries = splitList(queryValue(context, u"mentionedIn"_s));
        !entries.isEmpty()) {
        SqlConditions in;
        in.addIn(u"entry_id"_s, entries);
        where.add(u"t.id IN (SELECT target_id FROM entry_links WHERE "_s + in.clauses.first() +
                      u')',
                  in.bindings);
    }
    if (const QString organization = queryValue(context, u"organizationId"_s);
        !organization.isEmpty())
        where.add(u"t.organization_id = ?"_s, {organization});
    for (const auto &[param, roles] :
         {std::pair{u"hasMembers"_s, QStringList{u"MEMBER"_s, u"ADMIN"_s}},
          std::pair{u"hasAdmins"_s, QStringList{u"ADMIN"_s}}}) {
        for (const QString &user : splitList(queryValue(context, param))) {
            SqlConditions in;
            in.addIn(u"role"_s, roles);
            where.add(u"t.id IN (SELECT team_id FROM team_memberships WHERE user_id = ? AND "_s +
                          in.clauses.first() + u')',
                      QVariantList{user} + in.bindings);
        }
    }
    return pagedList(server.db, u"SELECT "_s + page->sort.expression + u", "_s + kTeamColumns,
                     where, *page, u"t.id"_s, u"teams"_s,
                     [](const QSqlQuery &row) { return teamJson(row, 1); });
}

} // namespace

void addPeopleRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    router.add("GET", u"/api/v2/users"_s,
               [s](const RequestContext &c) { return listUsers(*s, c); });
    router.add("GET", u"/api/v2/users/{user_id}"_s, [s](const RequestContext &c) {
        const QString id = c.param(u"user_id"_s);
        QSqlQuery row = s->db.exec(u"SELECT "_s + kUserColumns + u" WHERE u.id = ?"_s, {id});
        if (!row.next())
            return notFound(u"No user has the id %1."_s.arg(id), id);
        return jsonResponse(200, userJson(row, 0));
    });
    router.add("GET", u"/api/v2/teams"_s,
               [s](const RequestContext &c) { return listTeams(*s, c); });
    router.add("GET", u"/api/v2/teams/{team_id}"_s, [s](const RequestContext &c) {
        const QString id = c.param(u"team_id"_s);
        QSqlQuery row = s->db.exec(u"SELECT "_s + kTeamColumns + u" WHERE t.id = ?"_s, {id});
        if (!row.next())
            return notFound(u"No team has the id %1."_s.arg(id), id);
        return jsonResponse(200, teamJson(row, 0));
    });
}

} // namespace benchtop::server
