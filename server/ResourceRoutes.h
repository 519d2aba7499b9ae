// The operations every Benchling resource family shares, written once: list (with the shared
// filters, sorts and keyset paging), get, create, patch, archive, unarchive, bulk-get,
// bulk-create and bulk-update (as background tasks). A family describes itself with a
// ResourceType — its kind, id prefix, paths, JSON shape and the rules of its create and update
// bodies — and adds its own actions (":transfer", "/contents", ...) beside these.
#pragma once

#include "ApiError.h"
#include "JsonBody.h"
#include "Paging.h"
#include "Resources.h"
#include "Router.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

class QThreadPool;

namespace benchtop::server {

class Database;
class Tasks;

// What every route module gets: the storage, the resource table and the task runner.
struct ServerContext
{
    Database &db;
    Resources &resources;
    Tasks &tasks;
};

struct ResourceType
{
    // A family named the way the API names all of them, from its kind and plural in snake case:
    // named("dna_sequence", "seq_", "dna_sequences", "DNA sequences") gives the collection
    // "dna-sequences", the list key "dnaSequences", the path parameter "dna_sequence_id" and
    // the bulk key "dnaSequenceIds".
    static ResourceType named(const QString &kind, const QString &idPrefix, const QString &plural,
                              const QString &noun);

    QString kind;       // resources.kind, e.g. "box"
    QString idPrefix;   // "box_"
    QString collection; // path segment: /api/v2/<collection>, e.g. "dna-sequences"
    QString listKey;    // JSON key of lists and bulk bodies, e.g. "dnaSequences"
    QString idParam;    // path parameter name, e.g. "dna_sequence_id"
    QString idsKey;     // bulk-get parameter and archive body key, e.g. "dnaSequenceIds"
    QString noun;       // for messages: "DNA sequence"
    QStringList archiveReasons;
    bool hasBarcodes = false; // barcodes filter, bulk-get by barcodes
    bool isStorage = false;   // ancestorStorageId filter
    QString parentFilter;     // query parameter that filters on parent_id, e.g. "folderId"
    QString schemaKind;       // schemas.kind that schemaId must name ("" = any)
    int maxBulkItems = 1000;

    // The API's JSON for a row. Required.
    std::function<QJsonObject(const RequestContext &, const ResourceRow &)> toJson;
    // The JSON of many rows at once, in their order, for lists, bulk-get and pageJson: a family
    // whose JSON needs related data (contents, counts, users, ...) reads it for the whole page
    // with one query per kind of data instead of several per row. Optional (toJson runs per row
    // without it); it must answer for each row exactly what toJson does.
    std::function<QList<QJsonObject>(const RequestContext &, const QList<ResourceRow> &)>
        toJsonPage;
    // Reads a create body into a fresh row (id, kind and creator already set). Report problems
    // through body.fail(...) or return a failure (e.g. a 400 naming a bad parent).
    std::function<std::optional<ApiFailure>(const RequestContext &, JsonBody &, ResourceRow &)>
        create;
    // Applies a patch body to the row read from the database.
    std::function<std::optional<ApiFailure>(const RequestContext &, JsonBody &, ResourceRow &)>
        update;
    // Extra list filters from the query (beyond name/ids/barcodes/archive/dates/...).
    std::function<std::optional<ApiFailure>(const RequestContext &, SqlConditions &)> filters;
    // Extra sorts beyond modifiedAt, createdAt and name.
    QList<SortOption> extraSorts;
    // The list's sort when none is given (the spec's default for the family).
    QString defaultSort = QStringLiteral("modifiedAt:desc");
    // Archiving these also archives what this returns (e.g. a box's tubes), keyed by the
    // archival-change key ("containerIds").
    std::function<QHash<QString, QStringList>(const QStringList &ids)> archiveCascade;
};

enum ResourceOperation : unsigned {
    List = 1u << 0,
    Get = 1u << 1,
    Create = 1u << 2,
    Update = 1u << 3,
    Archive = 1u << 4,
    Unarchive = 1u << 5,
    BulkGet = 1u << 6,
    BulkCreate = 1u << 7,
    BulkUpdate = 1u << 8,
    AllOperations = (1u << 9) - 1,
};

void addResourceRoutes(Router &router, ServerContext &server, const ResourceType &type,
                       unsigned operations);

// Pieces of the JSON most resources share.
QJsonValue archiveRecordJson(const ResourceRow &row);
QJsonObject creatorJson(const ResourceRow &row);
QJsonValue schemaSummaryJson(const ResourceRow &row); // {id, name} or null
QJsonValue nullableJson(const QString &value);        // string or null
QString webUrl(const RequestContext &context, const QString &path, const QString &id);

// Building blocks for a family's own actions.
namespace resource_ops {
// Creates one resource from a body as the type's create route does (without answering).
std::variant<ResourceRow, ApiFailure> createOne(ServerContext &server, const ResourceType &type,
                                                const RequestContext &context, JsonBody &body);
// Applies a patch as the type's update route does.
std::variant<ResourceRow, ApiFailure> updateOne(ServerContext &server, const ResourceType &type,
                                                const RequestContext &context, const QString &id,
                                                JsonBody &body);
// Reads and checks a schemaId against the kind of schema the type expects.
std::optional<ApiFailure> checkSchema(ServerContext &server, const QString &schemaKind,
                                      const QString &schemaId);
// The JSON of `rows`, in order: through the type's toJsonPage when it has one.
QList<QJsonObject> pageJson(const ResourceType &type, const RequestContext &context,
                            const QList<ResourceRow> &rows);
// The JSON of one row after a write (re-read so joined names are current).
QJsonObject freshJson(ServerContext &server, const ResourceType &type,
                      const RequestContext &context, const QString &id);
} // namespace resource_ops

} // namespace benchtop::server
