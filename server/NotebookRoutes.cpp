// The notebook: projects, folders, entries (with their days of notes), entry schemas and entry
// templates, plus the one extension API v2 lacks — writing an entry's body
// (PUT /entries/{entry_id}/days, docs/api-extensions.md). People and blobs have their own
// modules, registered from here.
//
// Storage: projects ("src_"), folders ("lib_"), entries ("etr_"), entry templates ("tmpl_") and
// template collections ("tmplcol_") are rows of `resources`. A root folder's parent_id is its
// project, so "everything in a project" is one recursive walk down parent_id. Entry schemas are
// `schemas` rows of kind "entry" ("ts_"). Side tables index what lists filter on and JSON cannot
// be queried for portably: display ids, authors, and the links inside notes.
#include "NotebookRoutes.h"

#include "BlobRoutes.h"
#include "Ids.h"
#include "PeopleRoutes.h"
#include "Users.h"
#include "notebook/EntryIndex.h"
#include "notebook/EntrySchemas.h"
#include "notebook/Notes.h"
#include "notebook/Routes.h"
#include "storage/Database.h"
#include "storage/DemoData.h"
#include "storage/Migrations.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace benchtop::server {

using namespace notebook;

QStringList notebookMigration(bool postgres)
{
    const QString blob = postgres ? u"BYTEA"_s : u"BLOB"_s;
    return {
        u"CREATE TABLE organizations (id TEXT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
        u"CREATE TABLE organization_memberships (organization_id TEXT NOT NULL REFERENCES "
        "organizations(id), user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, "
        "PRIMARY KEY (organization_id, user_id))"_s,
        u"CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, organization_id TEXT "
        "REFERENCES organizations(id), created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
        u"CREATE TABLE team_memberships (team_id TEXT NOT NULL REFERENCES teams(id), user_id "
        "TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, created_at TEXT NOT NULL, "
        "PRIMARY KEY (team_id, user_id))"_s,
        // Entries: display ids are unique in the database itself.
        u"CREATE TABLE entry_display_ids (entry_id TEXT PRIMARY KEY, display_id TEXT NOT NULL "
        "UNIQUE)"_s,
        u"CREATE TABLE entry_authors (entry_id TEXT NOT NULL, user_id TEXT NOT NULL, "
        "PRIMARY KEY (entry_id, user_id))"_s,
        u"CREATE TABLE entry_links (entry_id TEXT NOT NULL, target_id TEXT NOT NULL, "
        "target_type TEXT NOT NULL, PRIMARY KEY (entry_id, target_id))"_s,
        u"CREATE INDEX entry_links_target ON entry_links(target_id)"_s,
        // Blobs keep their bytes in the database, so an upload is as crash-safe as any write.
        u"CREATE TABLE blobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, mime_type TEXT NOT NULL, "
        "type TEXT NOT NULL, upload_status TEXT NOT NULL, content "_s +
            blob +
            u", size INTEGER NOT NULL DEFAULT 0, md5 TEXT, download_secret TEXT NOT NULL, "
            "creator_id TEXT, created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
        u"CREATE TABLE blob_parts (blob_id TEXT NOT NULL REFERENCES blobs(id), part_number "
        "INTEGER NOT NULL, content "_s +
            blob +
            u" NOT NULL, size INTEGER NOT NULL, md5 TEXT NOT NULL, created_at TEXT NOT NULL, "
            "PRIMARY KEY (blob_id, part_number))"_s,
    };
}

QJsonObject notebookEntryJson(ServerContext &server, const RequestContext &context,
                              const ResourceRow &row)
{
    return entryJson(&server, context, row);
}

void addNotebookRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    addResourceRoutes(router, server, projectType(s), List | Get | Archive | Unarchive);
    addResourceRoutes(router, server, folderType(s), List | Get | Create | Archive | Unarchive);

    const ResourceType entries = entryType(s);
    addResourceRoutes(router, server, entries, List | Create | Update | Archive | Unarchive);
    auto entryShared = std::make_shared<const ResourceType>(entries);
    // GET /entries/{id} wraps the entry ({"entry": ...}, the spec's EntryById).
    router.add("GET", u"/api/v2/entries/{entry_id}"_s, [s, entryShared](const RequestContext &c) {
        const QString id = c.param(u"entry_id"_s);
        const auto row = s->resources.find(u"entry"_s, id);
        if (!row)
            return notFound(u"No entries has the id %1."_s.arg(id), id);
        return jsonResponse(200, {{u"entry"_s, entryShared->toJson(c, *row)}});
    });
    router.add("GET", u"/api/v2/entries:bulk-get"_s, [s, entryShared](const RequestContext &c) {
        return bulkGetEntries(*s, *entryShared, c);
    });
    router.add("PUT", u"/api/v2/entries/{entry_id}/days"_s,
               [s, entryShared](const RequestContext &c) {
                   return writeDays(*s, *entryShared, c, false);
               });
    router.add("GET", u"/api/v2/entries/{entry_id}/external-files/{external_file_id}"_s,
               [s](const RequestContext &c) { return externalFile(*s, c); });

    const ResourceType templates = templateType(s);
    addResourceRoutes(router, server, templates, List | Get | Update);
    auto templateShared = std::make_shared<const ResourceType>(templates);
    router.add("PUT", u"/api/v2/entry-templates/{entry_template_id}/days"_s,
               [s, templateShared](const RequestContext &c) {
                   return writeDays(*s, *templateShared, c, true);
               });

    router.add("GET", u"/api/v2/entry-schemas"_s,
               [s](const RequestContext &c) { return listEntrySchemas(*s, c); });
    router.add("GET", u"/api/v2/entry-schemas/{schema_id}"_s, [s](const RequestContext &c) {
        const QString id = c.param(u"schema_id"_s);
        const auto schema = entrySchema(s->db, id);
        if (!schema)
            return notFound(u"No entry schema has the id %1."_s.arg(id), id);
        return jsonResponse(200, schemaDetailedJson(*schema));
    });

    addPeopleRoutes(router, server);
    addBlobRoutes(router, server);
}

// ---------------------------------------------------------------------------------------------
// Demo data.

namespace {

class NotebookSeeder
{
public:
    NotebookSeeder(Resources &resources, QString creator)
        : m_resources(resources)
        , m_db(resources.database())
        , m_creator(std::move(creator))
        , m_now(timestampNow())
    {}

    bool ok() const { return m_ok; }

    void run(const QString &sql, const QVariantList &bindings)
    {
        if (m_ok && m_db.exec(sql, bindings).lastError().isValid())
            m_ok = false;
    }

    QString schema(const QString &name, const QString &prefix, const QJsonArray &fields)
    {
        const QString id = newId(u"ts_");
        QJsonArray definitions;
        for (const QJsonValue &field : fields) {
            QJsonObject definition = field.toObject();
            definition.insert(u"id"_s, newId(u"tsf_"));
            definition.insert(u"isMulti"_s, false);
            definition.insert(u"isRequired"_s, false);
            definition.insert(u"archiveRecord"_s, QJsonValue::Null);
            definitions.append(definition);
        }
        const QJsonObject definition{{u"prefix"_s, prefix},
                                     {u"registryId"_s, QJsonValue::Null},
                                     {u"fieldDefinitions"_s, definitions}};
        run(u"INSERT INTO schemas (id, kind, name, definition, created_at, modified_at) VALUES "
            "(?, 'entry', ?, ?, ?, ?)"_s,
            {id, name, QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)),
             m_now, m_now});
        return id;
    }

    QString add(const QString &kind, QStringView prefix, const QString &name,
                const QString &parentId, const QJsonObject &data, const QString &schemaId = {})
    {
        if (!m_ok)
            return {};
        ResourceRow row;
        row.id = newId(prefix);
        row.kind = kind;
        row.name = name;
        row.parentId = parentId;
        row.schemaId = schemaId;
        row.creatorId = m_creator;
        row.data = data;
        if (m_resources.insert(row))
            m_ok = false;
        return row.id;
    }

    QString entry(const QString &name, const QString &folderId, const QString &projectId,
                  const QString &schemaId, const QJsonObject &fields, const QJsonArray &days,
                  const QString &templateId = {})
    {
        const QString id = newId(u"etr_");
        const QString displayId = assignDisplayId(m_db, id);
        QJsonObject data{{u"projectId"_s, projectId},
                         {u"displayId"_s, displayId},
                         {u"authorIds"_s, QJsonArray{m_creator}},
                         {u"fields"_s, fields},
                         {u"customFields"_s, QJsonObject()},
                         {u"days"_s, days}};
        if (!templateId.isEmpty())
            data.insert(u"entryTemplateId"_s, templateId);
        if (!m_ok || displayId.isEmpty() || !indexEntry(m_db, id, data)) {
            m_ok = false;
            return {};
        }
        ResourceRow row;
        row.id = id;
        row.kind = u"entry"_s;
        row.name = name;
        row.parentId = folderId;
        row.schemaId = schemaId;
        row.creatorId = m_creator;
        row.data = data;
        if (m_resources.insert(row))
            m_ok = false;
        return id;
    }

    // The first few ids of a kind, oldest first.
    QStringList firstOf(const QString &kind, int count) const
    {
        SqlConditions where;
        where.add(u"r.kind = ?"_s, {kind});
        QStringList ids;
        for (const ResourceRow &row :
             m_resources.select(where, u"ORDER BY r.created_at, r.id LIMIT %1"_s.arg(count)))
            ids.append(row.id);
        return ids;
    }
    QString nameOf(const QString &id) const
    {
        const auto row = m_resources.find(id);
        return row ? row->name : QString();
    }

    Database &db() { return m_db; }
    const QString &now() const { return m_now; }
    const QString &creator() const { return m_creator; }

private:
    Resources &m_resources;
    Database &m_db;
    QString m_creator;
    QString m_now;
    bool m_ok = true;
};

QJsonObject note(const QString &type, const QString &text, const QJsonArray &links = {})
{
    return {{u"type"_s, type}, {u"indentation"_s, 0}, {u"text"_s, text}, {u"links"_s, links}};
}

QJsonObject checkbox(const QString &text, bool checked)
{
    QJsonObject part = note(u"list_checkbox"_s, text);
    part.insert(u"checked"_s, checked);
    return part;
}

QJsonObject link(const QString &type, const QString &id)
{
    return {{u"type"_s, type}, {u"id"_s, id}};
}

QJsonObject table(const QString &name, const QStringList &labels,
                  const QList<QList<QJsonObject>> &rows, const QString &caption)
{
    QJsonArray tableRows;
    for (const auto &row : rows) {
        QJsonArray cells;
        for (const QJsonObject &cell : row)
            cells.append(cell);
        tableRows.append(QJsonObject{{u"cells"_s, cells}});
    }
    QJsonObject part = note(u"table"_s, caption);
    part.insert(u"table"_s, QJsonObject{{u"name"_s, name},
                                        {u"columnLabels"_s, QJsonArray::fromStringList(labels)},
                                        {u"rows"_s, tableRows}});
    return part;
}

QJsonObject cell(const QString &text, const QJsonObject &cellLink = {})
{
    QJsonObject c{{u"text"_s, text}};
    if (!cellLink.isEmpty())
        c.insert(u"link"_s, cellLink);
    return c;
}

} // namespace

bool seedNotebookDemo(Resources &resources, const QString &creatorId)
{
    NotebookSeeder seed(resources, creatorId);
    const QString now = seed.now();

    // People: the demo organisation and a team (the demo user is the lab's only user: an
    // administrator adds the others with the server's command line).
    const QString org = newId(u"ent_");
    seed.run(u"INSERT INTO organizations (id, handle, name, created_at, modified_at) VALUES "
             "(?, 'demo-lab', 'Demo Lab', ?, ?)"_s,
             {org, now, now});
    seed.run(u"INSERT INTO organization_memberships (organization_id, user_id, role) VALUES "
             "(?, ?, 'ADMIN')"_s,
             {org, creatorId});
    const QString team = newId(u"team_");
    seed.run(u"INSERT INTO teams (id, name, organization_id, created_at, modified_at) VALUES "
             "(?, 'Cloning team', ?, ?, ?)"_s,
             {team, org, now, now});
    seed.run(u"INSERT INTO team_memberships (team_id, user_id, role, created_at) VALUES "
             "(?, ?, 'ADMIN', ?)"_s,
             {team, creatorId, now});

    // The project and its folders (a root folder's parent is the project).
    const QString project = seed.add(u"project"_s, u"src_", u"Demo lab"_s, {}, {});
    const QJsonObject inProject{{u"projectId"_s, project}};
    const QString notebook = seed.add(u"folder"_s, u"lib_", u"Notebook"_s, project, inProject);
    const QString cloning = seed.add(u"folder"_s, u"lib_", u"Cloning"_s, notebook, inProject);
    const QString minipreps = seed.add(u"folder"_s, u"lib_", u"Minipreps"_s, notebook, inProject);
    seed.add(u"folder"_s, u"lib_", u"Sequences"_s, project, inProject);

    // Entry schemas and templates.
    const QString miniprepSchema =
        seed.schema(u"Miniprep"_s, u"MP"_s,
                    {QJsonObject{{u"name"_s, u"Kit"_s}, {u"type"_s, u"text"_s}},
                     QJsonObject{{u"name"_s, u"Elution volume (µL)"_s}, {u"type"_s, u"float"_s}}});
    const QString cloningSchema =
        seed.schema(u"Cloning"_s, u"CL"_s,
                    {QJsonObject{{u"name"_s, u"Strategy"_s}, {u"type"_s, u"text"_s}},
                     QJsonObject{{u"name"_s, u"Verified"_s}, {u"type"_s, u"boolean"_s}}});
    const QString collection =
        seed.add(u"template_collection"_s, u"tmplcol_", u"Lab templates"_s, {}, {});
    const QJsonArray miniprepDays{QJsonObject{
        {u"day"_s, 1},
        {u"title"_s, u"Miniprep"_s},
        {u"notes"_s,
         QJsonArray{note(u"text"_s, u"Grow 5 mL overnight cultures, then purify with the kit."_s),
                    checkbox(u"Pellet cells (6000 g, 10 min)"_s, false),
                    checkbox(u"Lyse and neutralise"_s, false),
                    checkbox(u"Elute in 50 µL EB"_s, false),
                    table(u"Yields"_s, {u"Sample"_s, u"ng/µL"_s, u"A260/280"_s},
                          {{cell(u""_s), cell(u""_s), cell(u""_s)}}, u"Nanodrop readings"_s)}}}};
    const QString miniprepTemplate =
        seed.add(u"entry_template"_s, u"tmpl_", u"Miniprep"_s, collection,
                 {{u"days"_s, miniprepDays},
                  {u"fields"_s, QJsonObject{{u"Kit"_s, u"QIAprep Spin"_s}}},
                  {u"customFields"_s, QJsonObject()}},
                 miniprepSchema);
    seed.add(u"entry_template"_s, u"tmpl_", u"Cloning"_s, collection,
             {{u"days"_s,
               QJsonArray{QJsonObject{
                   {u"day"_s, 1},
                   {u"title"_s, u"Digest and ligate"_s},
                   {u"notes"_s, QJsonArray{note(u"text"_s, u"Vector and insert:"_s),
                                           checkbox(u"Digest vector"_s, false),
                                           checkbox(u"Gel-purify fragments"_s, false),
                                           checkbox(u"Ligate 1:3 vector:insert"_s, false)}}}}},
              {u"fields"_s, QJsonObject()},
              {u"customFields"_s, QJsonObject()}},
             cloningSchema);

    // Entries that link to the demo sequences and tubes (when those parts seeded any).
    const QStringList sequences = seed.firstOf(u"dna_sequence"_s, 2);
    const QStringList tubes = seed.firstOf(u"container"_s, 3);
    const QStringList boxes = seed.firstOf(u"box"_s, 1);
    QJsonArray sequenceLinks;
    for (const QString &id : sequences)
        sequenceLinks.append(link(u"dna_sequence"_s, id));
    QList<QList<QJsonObject>> yieldRows;
    const QList<std::pair<QString, QString>> readings{
        {u"312.4"_s, u"1.88"_s}, {u"287.9"_s, u"1.91"_s}, {u"198.2"_s, u"1.84"_s}};
    for (int i = 0; i < 3; ++i) {
        const QString tube = tubes.value(i);
        yieldRows.append({tube.isEmpty() ? cell(u"Prep %1"_s.arg(i + 1))
                                         : cell(seed.nameOf(tube), link(u"container"_s, tube)),
                          cell(readings[i].first), cell(readings[i].second)});
    }
    QJsonArray tubeLinks;
    for (const QString &id : tubes)
        tubeLinks.append(link(u"container"_s, id));
    for (const QString &id : boxes)
        tubeLinks.append(link(u"box"_s, id));

    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString yesterday = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
    const QString miniprep = seed.entry(
        u"Miniprep of pUC19 clones"_s, minipreps, project, miniprepSchema,
        {{u"Kit"_s, u"QIAprep Spin"_s}, {u"Elution volume (µL)"_s, 50.0}},
        QJsonArray{QJsonObject{
            {u"date"_s, yesterday},
            {u"title"_s, u"Miniprep"_s},
            {u"notes"_s,
             QJsonArray{
                 note(u"text"_s,
                      u"Three colonies picked into 5 mL LB + ampicillin, grown overnight at "
                      "37 °C. Plasmid maps: see the linked sequences."_s,
                      sequenceLinks),
                 checkbox(u"Pellet cells (6000 g, 10 min)"_s, true),
                 checkbox(u"Lyse and neutralise"_s, true), checkbox(u"Elute in 50 µL EB"_s, true),
                 table(u"Yields"_s, {u"Sample"_s, u"ng/µL"_s, u"A260/280"_s}, yieldRows,
                       u"Nanodrop readings"_s),
                 note(u"list_bullet"_s, u"Tubes stored in the −20 °C freezer."_s, tubeLinks)}}}},
        miniprepTemplate);
    QJsonArray cloningNotes{
        note(u"text"_s, u"Insert GFP into the pUC19 MCS with EcoRI/BamHI."_s, sequenceLinks),
        checkbox(u"Digest vector"_s, true),
        checkbox(u"Gel-purify fragments"_s, true),
        checkbox(u"Ligate 1:3 vector:insert"_s, false),
        note(u"text"_s, u"Plasmid DNA from the miniprep entry."_s,
             miniprep.isEmpty() ? QJsonArray() : QJsonArray{link(u"entry"_s, miniprep)}),
        note(u"code"_s, u"EcoRI: G^AATTC\nBamHI: G^GATCC"_s)};
    seed.entry(u"Cloning GFP into pUC19"_s, cloning, project, cloningSchema,
               {{u"Strategy"_s, u"Restriction cloning"_s}, {u"Verified"_s, false}},
               QJsonArray{QJsonObject{{u"date"_s, today},
                                      {u"title"_s, u"Digest and ligate"_s},
                                      {u"notes"_s, cloningNotes}}});
    seed.entry(
        u"Lab meeting notes"_s, notebook, project, {}, {},
        QJsonArray{QJsonObject{
            {u"date"_s, today},
            {u"title"_s, QJsonValue::Null},
            {u"notes"_s, QJsonArray{note(u"list_number"_s, u"Order new competent cells"_s),
                                    note(u"list_number"_s, u"Freezer F2 defrost on Friday"_s,
                                         QJsonArray{QJsonObject{
                                             {u"type"_s, u"link"_s},
                                             {u"webURL"_s, u"https://www.benchling.com"_s}}}),
                                    note(u"list_number"_s, u"Journal club: demo presents"_s,
                                         QJsonArray{link(u"user"_s, creatorId)})}}}});
    return seed.ok();
}

} // namespace benchtop::server
