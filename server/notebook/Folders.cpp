// Projects ("src_") and folders ("lib_"): their ResourceTypes. A root folder's parent is its
// project, so archiving a project or folder archives everything below it (one walk down
// parent_id), and "in a project" is a recursive query.
#include "Routes.h"

#include "server/Users.h"

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

const QStringList kArchiveReasons{u"Made in error"_s, u"Retired"_s, u"Other"_s};

namespace {

// What archiving a project or folder also archives, keyed as the archival change reports it.
QString archivalKey(const QString &kind)
{
    static const QHash<QString, QString> keys{
        {u"folder"_s, u"folderIds"_s},
        {u"entry"_s, u"entryIds"_s},
        {u"dna_sequence"_s, u"dnaSequenceIds"_s},
        {u"aa_sequence"_s, u"aaSequenceIds"_s},
        {u"custom_entity"_s, u"customEntityIds"_s},
        {u"mixture"_s, u"mixtureIds"_s},
        {u"oligo"_s, u"oligoIds"_s},
        {u"dna_oligo"_s, u"oligoIds"_s},
        {u"rna_oligo"_s, u"oligoIds"_s},
        {u"protocol"_s, u"protocolIds"_s},
    };
    return keys.value(kind);
}

std::function<QHash<QString, QStringList>(const QStringList &)> contentsCascade(ServerContext *s)
{
    return [s](const QStringList &ids) {
        QHash<QString, QStringList> changed;
        for (const QString &id : ids) {
            for (const QString &below : s->resources.descendants(id)) {
                const auto row = s->resources.find(below);
                const QString key = row ? archivalKey(row->kind) : QString();
                if (!key.isEmpty() && !changed[key].contains(below))
                    changed[key].append(below);
            }
        }
        return changed;
    };
}

} // namespace

// "r.id is below project `projectId`" (any depth).
void addInProject(SqlConditions &where, const QString &projectId)
{
    where.add(u"r.id IN (WITH RECURSIVE below(id) AS (SELECT id FROM resources WHERE "
              "parent_id = ? UNION SELECT c.id FROM resources c JOIN below b ON "
              "c.parent_id = b.id) SELECT id FROM below)"_s,
              {projectId});
}

ResourceType projectType(ServerContext *s)
{
    ResourceType type = ResourceType::named(u"project"_s, u"src_"_s, u"projects"_s, u"projects"_s);
    type.archiveReasons = kArchiveReasons;
    type.defaultSort = u"modifiedAt"_s;
    type.toJson = [s](const RequestContext &, const ResourceRow &row) {
        return QJsonObject{
            {u"id"_s, row.id},
            {u"name"_s, row.name},
            {u"owner"_s, userSummary(s->db, row.creatorId).value_or(creatorJson(row))},
            {u"archiveRecord"_s, archiveRecordJson(row)},
        };
    };
    type.archiveCascade = contentsCascade(s);
    return type;
}

ResourceType folderType(ServerContext *s)
{
    ResourceType type = ResourceType::named(u"folder"_s, u"lib_"_s, u"folders"_s, u"folders"_s);
    type.archiveReasons = kArchiveReasons;
    type.defaultSort = u"name"_s;
    type.toJson = [](const RequestContext &, const ResourceRow &row) {
        const bool root = row.parentId == row.data.value(u"projectId"_s).toString();
        return QJsonObject{
            {u"id"_s, row.id},
            {u"name"_s, row.name},
            {u"parentFolderId"_s, root ? QJsonValue(QJsonValue::Null) : QJsonValue(row.parentId)},
            {u"projectId"_s, row.data.value(u"projectId"_s).toString()},
            {u"archiveRecord"_s, archiveRecordJson(row)},
        };
    };
    type.create = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"parentFolderId"_s}).require({u"name"_s, u"parentFolderId"_s});
        row.name = body.string(u"name"_s);
        const QString parentId = body.string(u"parentFolderId"_s);
        if (!body.ok())
            return std::optional<ApiFailure>();
        if (row.name.trimmed().isEmpty())
            return std::optional(ApiFailure::badRequest(u"Field 'name' must not be empty."_s));
        const auto parent = s->resources.find(u"folder"_s, parentId);
        if (!parent) {
            return std::optional(
                ApiFailure::badRequest(u"No folder has the id %1."_s.arg(parentId), parentId));
        }
        row.parentId = parentId;
        row.data.insert(u"projectId"_s, parent->data.value(u"projectId"_s));
        return std::optional<ApiFailure>();
    };
    type.filters = [](const RequestContext &context, SqlConditions &where) {
        const QString parent = queryValue(context, u"parentFolderId"_s);
        if (parent == u"NO_PARENT"_s)
            where.add(u"r.parent_id IN (SELECT id FROM resources WHERE kind = 'project')"_s);
        else if (!parent.isEmpty())
            where.add(u"r.parent_id = ?"_s, {parent});
        if (const QString project = queryValue(context, u"projectId"_s); !project.isEmpty())
            addInProject(where, project);
        const QString section = queryValue(context, u"section"_s);
        if (!section.isEmpty() && section != u"INVENTORY"_s && section != u"NOTEBOOK"_s) {
            return std::optional(ApiFailure::badRequest(
                u"section must be INVENTORY or NOTEBOOK, not \"%1\"."_s.arg(section)));
        }
        return std::optional<ApiFailure>();
    };
    type.archiveCascade = contentsCascade(s);
    return type;
}

} // namespace benchtop::server::notebook
