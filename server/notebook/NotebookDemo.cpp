// The demo lab's notebook: an organisation and a team, the "Demo lab" project with its folders,
// two entry schemas and templates, and entries whose notes link to the demo sequences, tubes
// and boxes (where those parts seeded any).
#include "EntryIndex.h"

#include "server/Ids.h"
#include "server/Resources.h"
#include "server/storage/DemoData.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace benchtop::server {

using notebook::assignDisplayId;
using notebook::indexEntry;

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
