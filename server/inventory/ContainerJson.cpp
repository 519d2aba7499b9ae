// The JSON of containers and their contents (see ContainerJson.h).
#include "ContainerJson.h"

#include "Storage.h"

#include "server/Users.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

// What the JSON of a page of containers needs beyond their rows, read for the whole page with
// one query per kind (list, bulk-get, a plate's wells; a GET is a page of one).
struct ContainerLookups
{
    QHash<QString, ResourceRow> rows;        // the parents and the entities held, by id
    QHash<QString, QJsonObject> definitions; // the parent plates' schema definitions
    QHash<QString, QList<Content>> contents; // by container id
    QHash<QString, Checkout> checkouts;      // by container id
    QHash<QString, QJsonObject> users;       // summaries of the users named, by id
};

ContainerLookups lookupsFor(ServerContext &server, const QList<ResourceRow> &containers)
{
    ContainerLookups known;
    QStringList ids;
    QStringList related;
    QStringList users;
    for (const ResourceRow &row : containers) {
        ids.append(row.id);
        related.append(row.parentId);
        for (const QString &key : {u"sampleOwnerIds"_s, u"restrictedSamplePartyIds"_s}) {
            for (const QJsonValue &id : row.data.value(key).toArray())
                users.append(id.toString());
        }
    }
    known.contents = contentsOf(server.db, ids);
    for (const QList<Content> &held : std::as_const(known.contents)) {
        for (const Content &content : held)
            related.append(content.entityId);
    }
    QStringList plateSchemas;
    for (const ResourceRow &row : server.resources.selectIn(u"r.id"_s, related)) {
        if (row.kind == u"plate"_s)
            plateSchemas.append(row.schemaId);
        known.rows.insert(row.id, row);
    }
    known.definitions = inventory::schemaDefinitions(server.db, plateSchemas);
    known.checkouts = checkoutsOf(server.db, ids);
    for (const Checkout &checkout : std::as_const(known.checkouts))
        users.append(checkout.assigneeId);
    known.users = userSummaries(server.db, users);
    return known;
}

// The spec's user summary, or null where a record names no (or an unknown) user.
QJsonValue userOrNull(const ContainerLookups &known, const QString &userId)
{
    const auto user = known.users.constFind(userId);
    return user == known.users.cend() ? QJsonValue(QJsonValue::Null) : QJsonValue(*user);
}

QJsonValue entityJson(const RequestContext &context, const QHash<QString, ResourceRow> &rows,
                      const QString &id)
{
    const auto row = rows.constFind(id);
    if (row == rows.cend()) {
        return QJsonObject{{u"inaccessibleId"_s, id},
                           {u"resourceType"_s, u"inaccessible_resource"_s},
                           {u"type"_s, u"entity"_s}};
    }
    QString collection = row->kind;
    collection.replace(u'_', u'-');
    return QJsonObject{{u"id"_s, row->id},
                       {u"name"_s, row->name},
                       {u"schema"_s, schemaSummaryJson(*row)},
                       {u"archiveRecord"_s, archiveRecordJson(*row)},
                       {u"createdAt"_s, row->createdAt},
                       {u"modifiedAt"_s, row->modifiedAt},
                       {u"creator"_s, creatorJson(*row)},
                       {u"fields"_s, row->data.value(u"fields"_s).toObject()},
                       {u"webURL"_s, webUrl(context, collection + u's', row->id)}};
}

QJsonObject contentJson(const RequestContext &context, const QHash<QString, ResourceRow> &rows,
                        const Content &content)
{
    return {{u"batch"_s, QJsonValue::Null},
            {u"concentration"_s, quantityJson(content.concentration)},
            {u"entity"_s, entityJson(context, rows, content.entityId)}};
}

} // namespace

QJsonObject contentJson(ServerContext &server, const RequestContext &context,
                        const Content &content)
{
    QHash<QString, ResourceRow> rows;
    if (const auto entity = server.resources.find(content.entityId))
        rows.insert(entity->id, *entity);
    return contentJson(context, rows, content);
}

namespace {

QJsonObject checkoutJson(const ContainerLookups &known, const ResourceRow &row)
{
    const auto checkout = known.checkouts.constFind(row.id);
    if (checkout == known.checkouts.cend()) {
        return {{u"status"_s, u"AVAILABLE"_s},
                {u"assignee"_s, QJsonValue::Null},
                {u"comment"_s, u""_s},
                {u"modifiedAt"_s, row.createdAt}};
    }
    return {{u"status"_s, checkout->status},
            {u"assignee"_s, userOrNull(known, checkout->assigneeId)},
            {u"comment"_s, checkout->comment},
            {u"modifiedAt"_s, checkout->modifiedAt}};
}

QJsonArray usersJson(const ContainerLookups &known, const QJsonArray &ids)
{
    QJsonArray users;
    for (const QJsonValue &id : ids) {
        const QJsonValue user = userOrNull(known, id.toString());
        if (!user.isNull())
            users.append(user);
    }
    return users;
}

QJsonObject containerJson(const RequestContext &context, const ResourceRow &row,
                          const ContainerLookups &known)
{
    const auto found =
        row.parentId.isNull() ? known.rows.cend() : known.rows.constFind(row.parentId);
    const ResourceRow *parent = found == known.rows.cend() ? nullptr : &*found;
    const bool well =
        parent && inventory::isWellPlate(*parent, known.definitions.value(parent->schemaId));
    QJsonArray contents;
    for (const Content &content : known.contents.value(row.id))
        contents.append(contentJson(context, known.rows, content));
    const Quantity quantity = storedQuantity(row);
    const Quantity volume = kVolumeUnits.contains(quantity.units) ? quantity : Quantity{};
    // Plate wells and matrix tubes name their coordinate ("plt_x:A1"), as the spec's Well does;
    // a box's tubes name the box (their gridPosition is in GET /boxes/{id}/contents).
    QString parentStorageId = row.parentId;
    if (parent && parent->kind == u"plate"_s && !row.position.isNull())
        parentStorageId = row.parentId + u':' + row.position;
    QJsonValue role = row.data.value(u"role"_s);
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"barcode"_s, nullableJson(row.barcode)},
        {u"parentStorageId"_s, nullableJson(parentStorageId)},
        {u"parentStorageSchema"_s, parent ? schemaSummaryJson(*parent) : QJsonValue()},
        {u"projectId"_s,
         row.data.value(u"projectId"_s).isString() ? row.data.value(u"projectId"_s) : QJsonValue()},
        {u"fields"_s, row.data.value(u"fields"_s).toObject()},
        {u"contents"_s, contents},
        {u"quantity"_s, quantityJson(quantity)},
        {u"volume"_s, quantityJson(volume)},
        {u"checkoutRecord"_s, checkoutJson(known, row)},
        {u"restrictionStatus"_s,
         well ? u"NOT_APPLICABLE"_s
              : row.data.value(u"restrictionStatus"_s).toString(u"UNRESTRICTED"_s)},
        {u"sampleOwners"_s, usersJson(known, row.data.value(u"sampleOwnerIds"_s).toArray())},
        {u"restrictedSampleParties"_s,
         usersJson(known, row.data.value(u"restrictedSamplePartyIds"_s).toArray())},
        {u"role"_s, role.isObject() ? role : QJsonValue()},
        {u"schema"_s, schemaSummaryJson(row)},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"creator"_s, creatorJson(row)},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"webURL"_s, webUrl(context, u"containers"_s, row.id)},
    };
}

} // namespace

QList<QJsonObject> containersJson(ServerContext &server, const RequestContext &context,
                                  const QList<ResourceRow> &rows)
{
    const ContainerLookups known = lookupsFor(server, rows);
    QList<QJsonObject> json;
    json.reserve(rows.size());
    for (const ResourceRow &row : rows)
        json.append(containerJson(context, row, known));
    return json;
}

} // namespace benchtop::server::inventory
