// The notebook on the lab server: projects, folders, entries, entry schemas and templates, and
// the PUT .../days extension that writes an entry's notes — on the demo lab, with every refusal
// checked to change nothing.
#include "ApiTestClient.h"
#include "NotebookTestSupport.h"
#include "TestLabServer.h"

#include <QCryptographicHash>
#include <QDate>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using benchtop::test::ApiResponse;
using benchtop::test::ApiTestClient;
using benchtop::test::TestLabServer;

namespace {

QStringList names(const ApiResponse &response, const QString &key)
{
    QStringList out;
    for (const QJsonValue &item : response.json.value(key).toArray())
        out.append(item.toObject().value(u"name"_s).toString());
    return out;
}

QJsonObject byName(const ApiResponse &response, const QString &key, const QString &name)
{
    for (const QJsonValue &item : response.json.value(key).toArray())
        if (item.toObject().value(u"name"_s).toString() == name)
            return item.toObject();
    return {};
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class TestServerNotebook : public QObject
{
    Q_OBJECT

    QString fingerprint() { return benchtop::test::notebookFingerprint(m_server.database()); }

    // A refused request: its status, a message naming the problem, and nothing changed.
    void expectRefused(const QByteArray &method, const QString &path, const QByteArray &body,
                       int status, const QString &messagePart)
    {
        const QString before = fingerprint();
        const ApiResponse response = m_client->send(method, path, body);
        QVERIFY2(response.status == status,
                 qPrintable(u"%1 %2: %3 %4"_s.arg(QString::fromLatin1(method), path)
                                .arg(response.status)
                                .arg(response.errorMessage())));
        QVERIFY2(response.errorMessage().contains(messagePart, Qt::CaseInsensitive),
                 qPrintable(response.errorMessage()));
        QCOMPARE(fingerprint(), before);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client = std::make_unique<ApiTestClient>(m_server.baseUrl(), m_server.apiKey());
        const ApiResponse projects = m_client->get(u"/projects"_s);
        QCOMPARE(projects.status, 200);
        m_project = byName(projects, u"projects"_s, u"Demo lab"_s).value(u"id"_s).toString();
        QVERIFY(m_project.startsWith(u"src_"_s));
        const ApiResponse folders = m_client->get(u"/folders?pageSize=100"_s);
        m_notebook = byName(folders, u"folders"_s, u"Notebook"_s).value(u"id"_s).toString();
        m_minipreps = byName(folders, u"folders"_s, u"Minipreps"_s).value(u"id"_s).toString();
        QVERIFY(m_notebook.startsWith(u"lib_"_s));
        const ApiResponse entries = m_client->get(u"/entries"_s);
        QCOMPARE(entries.json.value(u"entries"_s).toArray().size(), 3);
        m_miniprep = byName(entries, u"entries"_s, u"Miniprep of pUC19 clones"_s);
        m_cloning = byName(entries, u"entries"_s, u"Cloning GFP into pUC19"_s);
        QVERIFY(!m_miniprep.isEmpty() && !m_cloning.isEmpty());
        m_alice = benchtop::test::addAlice(m_server.database());
        QVERIFY(!m_alice.isEmpty());
    }

    void projects()
    {
        const ApiResponse project = m_client->get(u"/projects/"_s + m_project);
        QCOMPARE(project.status, 200);
        QCOMPARE(project.json.value(u"name"_s).toString(), u"Demo lab"_s);
        QCOMPARE(project.json.value(u"owner"_s).toObject().value(u"handle"_s).toString(),
                 u"demo"_s);
        QVERIFY(project.json.value(u"archiveRecord"_s).isNull());
        QCOMPARE(m_client->get(u"/projects/src_nope"_s).status, 404);
        QCOMPARE(names(m_client->get(u"/projects?name=Demo%20lab"_s), u"projects"_s),
                 QStringList{u"Demo lab"_s});
        QCOMPARE(m_client->get(u"/projects?ids=src_nope"_s).status, 400);
        QCOMPARE(m_client->get(u"/projects?sort=size"_s).status, 400);

        expectRefused("POST", u"/projects:archive"_s,
                      json({{u"projectIds"_s, QJsonArray{m_project}}, {u"reason"_s, u"Bored"_s}}),
                      400, u"reason"_s);
        expectRefused(
            "POST", u"/projects:archive"_s,
            json({{u"projectIds"_s, QJsonArray{u"src_nope"_s}}, {u"reason"_s, u"Retired"_s}}), 400,
            u"src_nope"_s);
        expectRefused("POST", u"/projects:archive"_s, "{\"projectIds\": [", 400, u"JSON"_s);
        expectRefused("POST", u"/projects:archive"_s,
                      json({{u"projectIds"_s, QJsonArray{m_project}},
                            {u"reason"_s, u"Retired"_s},
                            {u"extra"_s, 1}}),
                      400, u"extra"_s);

        // Archiving a project archives what is in it, and says so.
        const ApiResponse archived =
            m_client->post(u"/projects:archive"_s,
                           {{u"projectIds"_s, QJsonArray{m_project}}, {u"reason"_s, u"Retired"_s}});
        QCOMPARE(archived.status, 200);
        QCOMPARE(archived.json.value(u"projectIds"_s).toArray(), QJsonArray{m_project});
        QCOMPARE(archived.json.value(u"folderIds"_s).toArray().size(), 4);
        QCOMPARE(archived.json.value(u"entryIds"_s).toArray().size(), 3);
        QCOMPARE(m_client->get(u"/projects"_s).json.value(u"projects"_s).toArray().size(), 0);
        QCOMPARE(m_client->get(u"/projects?archiveReason=Retired"_s)
                     .json.value(u"projects"_s)
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(m_client->get(u"/entries"_s).json.value(u"entries"_s).toArray().size(), 0);
        // Unarchiving brings back the project (its contents are unarchived one by one).
        QCOMPARE(
            m_client->post(u"/projects:unarchive"_s, {{u"projectIds"_s, QJsonArray{m_project}}})
                .status,
            200);
        const QJsonArray folderIds = archived.json.value(u"folderIds"_s).toArray();
        QCOMPARE(m_client->post(u"/folders:unarchive"_s, {{u"folderIds"_s, folderIds}}).status,
                 200);
        QCOMPARE(m_client
                     ->post(u"/entries:unarchive"_s,
                            {{u"entryIds"_s, archived.json.value(u"entryIds"_s)}})
                     .status,
                 200);
        QCOMPARE(m_client->get(u"/entries"_s).json.value(u"entries"_s).toArray().size(), 3);
    }

    void folders()
    {
        // Default sort: name.
        const ApiResponse all = m_client->get(u"/folders"_s);
        QCOMPARE(names(all, u"folders"_s),
                 (QStringList{u"Cloning"_s, u"Minipreps"_s, u"Notebook"_s, u"Sequences"_s}));
        QCOMPARE(names(m_client->get(u"/folders?parentFolderId=NO_PARENT"_s), u"folders"_s),
                 (QStringList{u"Notebook"_s, u"Sequences"_s}));
        QCOMPARE(names(m_client->get(u"/folders?parentFolderId="_s + m_notebook), u"folders"_s),
                 (QStringList{u"Cloning"_s, u"Minipreps"_s}));
        QCOMPARE(names(m_client->get(u"/folders?projectId="_s + m_project), u"folders"_s).size(),
                 4);
        QCOMPARE(names(m_client->get(u"/folders?projectId=src_other"_s), u"folders"_s).size(), 0);
        QCOMPARE(names(m_client->get(u"/folders?nameIncludes=PREP"_s), u"folders"_s),
                 QStringList{u"Minipreps"_s});
        QCOMPARE(m_client->get(u"/folders?section=LAB"_s).status, 400);
        const QJsonObject notebook = byName(all, u"folders"_s, u"Notebook"_s);
        QVERIFY(notebook.value(u"parentFolderId"_s).isNull());
        QCOMPARE(notebook.value(u"projectId"_s).toString(), m_project);

        const ApiResponse created = m_client->post(
            u"/folders"_s, {{u"name"_s, u"Westerns"_s}, {u"parentFolderId"_s, m_notebook}});
        QCOMPARE(created.status, 201);
        QVERIFY(created.json.value(u"id"_s).toString().startsWith(u"lib_"_s));
        QCOMPARE(created.json.value(u"parentFolderId"_s).toString(), m_notebook);
        QCOMPARE(created.json.value(u"projectId"_s).toString(), m_project);
        QCOMPARE(m_client->get(u"/folders/"_s + created.json.value(u"id"_s).toString()).json,
                 created.json);
        QCOMPARE(m_client->get(u"/folders/lib_nope"_s).status, 404);

        expectRefused("POST", u"/folders"_s, "{\"name\":", 400, u"JSON"_s);
        expectRefused("POST", u"/folders"_s, json({{u"name"_s, u"X"_s}}), 400, u"parentFolderId"_s);
        expectRefused("POST", u"/folders"_s,
                      json({{u"name"_s, u"X"_s}, {u"parentFolderId"_s, u"lib_nope"_s}}), 400,
                      u"lib_nope"_s);
        expectRefused("POST", u"/folders"_s,
                      json({{u"name"_s, 5}, {u"parentFolderId"_s, m_notebook}}), 400,
                      u"must be a string"_s);
        expectRefused("POST", u"/folders"_s,
                      json({{u"name"_s, u"X"_s},
                            {u"parentFolderId"_s, m_notebook},
                            {u"projectId"_s, m_project}}),
                      400, u"projectId"_s);
        // An entry is no folder.
        expectRefused("POST", u"/folders"_s,
                      json({{u"name"_s, u"X"_s},
                            {u"parentFolderId"_s, m_miniprep.value(u"id"_s).toString()}}),
                      400, u"No folder"_s);
    }

    void entryShape()
    {
        const QString id = m_miniprep.value(u"id"_s).toString();
        const ApiResponse got = m_client->get(u"/entries/"_s + id);
        QCOMPARE(got.status, 200);
        const QJsonObject entry = got.json.value(u"entry"_s).toObject(); // EntryById
        QCOMPARE(entry.value(u"id"_s).toString(), id);
        QVERIFY(id.startsWith(u"etr_"_s));
        const QString displayId = entry.value(u"displayId"_s).toString();
        QCOMPARE(displayId.size(), 11);
        QVERIFY(displayId.startsWith(u"EXP"_s + QDate::currentDate().toString(u"yy"_s)));
        QCOMPARE(entry.value(u"folderId"_s).toString(), m_minipreps);
        QCOMPARE(
            entry.value(u"authors"_s).toArray().first().toObject().value(u"handle"_s).toString(),
            u"demo"_s);
        QCOMPARE(entry.value(u"schema"_s).toObject().value(u"name"_s).toString(), u"Miniprep"_s);
        QCOMPARE(entry.value(u"fields"_s).toObject().value(u"Kit"_s).toObject().value(u"value"_s),
                 QJsonValue(u"QIAprep Spin"_s));
        QVERIFY(entry.value(u"reviewRecord"_s).isNull());
        QCOMPARE(entry.value(u"apiURL"_s).toString(),
                 QString(m_server.baseUrl().toString() + u"/api/v2/entries/"_s + id));
        const QJsonArray notes =
            entry.value(u"days"_s).toArray().first().toObject().value(u"notes"_s).toArray();
        QStringList types;
        for (const QJsonValue &note : notes)
            types.append(note.toObject().value(u"type"_s).toString());
        QVERIFY(types.contains(u"table"_s));
        QVERIFY(types.contains(u"list_checkbox"_s));
        QCOMPARE(m_client->get(u"/entries/etr_nope"_s).status, 404);

        // Filters.
        const auto count = [this](const QString &query) {
            return m_client->get(u"/entries?"_s + query).json.value(u"entries"_s).toArray().size();
        };
        QCOMPARE(count(u"displayIds="_s + displayId), 1);
        QCOMPARE(count(u"mentions="_s + id), 1); // the cloning entry links to the miniprep
        QCOMPARE(count(u"mentionedIn="_s + m_cloning.value(u"id"_s).toString()), 1);
        QCOMPARE(
            count(u"mentions="_s + entry.value(u"creator"_s).toObject().value(u"id"_s).toString()),
            1);
        QCOMPARE(count(u"mentions="_s + m_alice), 0);
        QCOMPARE(count(u"projectId="_s + m_project), 3);
        QCOMPARE(count(u"projectId=src_other"_s), 0);
        QCOMPARE(
            count(u"schemaId="_s + entry.value(u"schema"_s).toObject().value(u"id"_s).toString()),
            1);
        QCOMPARE(count(u"authorIds.anyOf="_s +
                       entry.value(u"creator"_s).toObject().value(u"id"_s).toString()),
                 3);
        QCOMPARE(count(u"authorIds.anyOf="_s + m_alice), 0);
        QCOMPARE(count(u"reviewStatus=IN_PROGRESS"_s), 3);
        QCOMPARE(count(u"reviewStatus=ACCEPTED"_s), 0);
        QCOMPARE(m_client->get(u"/entries?reviewStatus=DONE"_s).status, 400);
        QCOMPARE(m_client->get(u"/entries?ids=etr_nope"_s).status, 400);
        QCOMPARE(names(m_client->get(u"/entries?sort=name:asc"_s), u"entries"_s).first(),
                 u"Cloning GFP into pUC19"_s);
        const ApiResponse page = m_client->get(u"/entries?pageSize=2"_s);
        QCOMPARE(page.json.value(u"entries"_s).toArray().size(), 2);
        const ApiResponse rest = m_client->get(u"/entries?pageSize=2&nextToken="_s +
                                               page.json.value(u"nextToken"_s).toString());
        QCOMPARE(rest.json.value(u"entries"_s).toArray().size(), 1);

        // Bulk get by ids and display ids.
        const ApiResponse bulk = m_client->get(u"/entries:bulk-get?entryIds=%1&displayIds=%2"_s.arg(
            m_cloning.value(u"id"_s).toString(), displayId));
        QCOMPARE(bulk.status, 200);
        QCOMPARE(bulk.json.value(u"entries"_s).toArray().size(), 2);
        const ApiResponse bulkMissing =
            m_client->get(u"/entries:bulk-get?displayIds=EXP00999999"_s);
        QCOMPARE(bulkMissing.status, 400);
        QVERIFY(bulkMissing.errorMessage().contains(u"EXP00999999"_s));
        QCOMPARE(m_client->get(u"/entries:bulk-get"_s).status, 400);
    }

    void createEntries()
    {
        const ApiResponse templates = m_client->get(u"/entry-templates"_s);
        QCOMPARE(templates.status, 200);
        const QJsonObject miniprep = byName(templates, u"entryTemplates"_s, u"Miniprep"_s);
        QVERIFY(miniprep.value(u"id"_s).toString().startsWith(u"tmpl_"_s));

        const ApiResponse created = m_client->post(
            u"/entries"_s, {{u"name"_s, u"Miniprep 2"_s},
                            {u"folderId"_s, m_minipreps},
                            {u"entryTemplateId"_s, miniprep.value(u"id"_s)},
                            {u"authorIds"_s, QJsonArray{m_alice}},
                            {u"customFields"_s,
                             QJsonObject{{u"Legacy ID"_s, QJsonObject{{u"value"_s, u"MP-7"_s}}}}}});
        QCOMPARE(created.status, 201);
        const QJsonObject entry = created.json;
        QCOMPARE(entry.value(u"entryTemplateId"_s), miniprep.value(u"id"_s));
        QCOMPARE(entry.value(u"schema"_s).toObject().value(u"id"_s),
                 miniprep.value(u"schema"_s).toObject().value(u"id"_s));
        QCOMPARE(entry.value(u"authors"_s).toArray().first().toObject().value(u"id"_s).toString(),
                 m_alice);
        QCOMPARE(entry.value(u"customFields"_s)
                     .toObject()
                     .value(u"Legacy ID"_s)
                     .toObject()
                     .value(u"value"_s),
                 QJsonValue(u"MP-7"_s));
        const QJsonArray days = entry.value(u"days"_s).toArray();
        const QJsonArray templateDays = miniprep.value(u"days"_s).toArray();
        QCOMPARE(days.size(), templateDays.size());
        QCOMPARE(days.first().toObject().value(u"date"_s).toString(),
                 QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(days.first().toObject().value(u"notes"_s),
                 templateDays.first().toObject().value(u"notes"_s));
        QVERIFY(entry.value(u"displayId"_s).toString() !=
                m_miniprep.value(u"displayId"_s).toString());

        const ApiResponse plain =
            m_client->post(u"/entries"_s, {{u"name"_s, u"Plain"_s}, {u"folderId"_s, m_notebook}});
        QCOMPARE(plain.status, 201);
        QVERIFY(plain.json.value(u"schema"_s).isNull());
        QCOMPARE(plain.json.value(u"days"_s).toArray().size(), 0);
        QCOMPARE(plain.json.value(u"authors"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"handle"_s)
                     .toString(),
                 u"demo"_s);

        const QString schemaId = miniprep.value(u"schema"_s).toObject().value(u"id"_s).toString();
        const auto body = [&](const QString &key, const QJsonValue &value) {
            QJsonObject object{{u"name"_s, u"Bad"_s}, {u"folderId"_s, m_notebook}};
            object.insert(key, value);
            return json(object);
        };
        expectRefused("POST", u"/entries"_s, "[1]", 400, u"JSON object"_s);
        expectRefused("POST", u"/entries"_s, json({{u"name"_s, u"No folder"_s}}), 400,
                      u"folderId"_s);
        expectRefused("POST", u"/entries"_s, body(u"folderId"_s, u"lib_nope"_s), 400,
                      u"lib_nope"_s);
        expectRefused("POST", u"/entries"_s, body(u"entryTemplateId"_s, u"tmpl_nope"_s), 400,
                      u"tmpl_nope"_s);
        expectRefused("POST", u"/entries"_s, body(u"authorIds"_s, QJsonArray{u"ent_nope"_s}), 400,
                      u"ent_nope"_s);
        expectRefused("POST", u"/entries"_s, body(u"authorIds"_s, 3), 400, u"authorIds"_s);
        expectRefused("POST", u"/entries"_s, body(u"schemaId"_s, u"ts_nope"_s), 400, u"ts_nope"_s);
        expectRefused("POST", u"/entries"_s, body(u"days"_s, QJsonArray()), 400, u"'days'"_s);
        expectRefused("POST", u"/entries"_s,
                      body(u"fields"_s, QJsonObject{{u"Kit"_s, QJsonObject{{u"value"_s, u"x"_s}}}}),
                      400, u"schema"_s);
        QJsonObject withSchema{
            {u"name"_s, u"Bad"_s},
            {u"folderId"_s, m_notebook},
            {u"schemaId"_s, schemaId},
            {u"fields"_s, QJsonObject{{u"Colour"_s, QJsonObject{{u"value"_s, u"x"_s}}}}}};
        expectRefused("POST", u"/entries"_s, json(withSchema), 400, u"Colour"_s);
        withSchema.insert(u"fields"_s, QJsonObject{{u"Elution volume (µL)"_s,
                                                    QJsonObject{{u"value"_s, u"lots"_s}}}});
        expectRefused("POST", u"/entries"_s, json(withSchema), 400, u"float"_s);
        expectRefused("POST", u"/entries"_s,
                      body(u"initialTables"_s, QJsonArray{QJsonObject{{u"csvData"_s, u"x"_s}}}),
                      400, u"entryTemplateId"_s);
        expectRefused("POST", u"/entries"_s, body(u"customFields"_s, QJsonObject{{u"a"_s, 1}}), 400,
                      u"Custom field"_s);
    }

    void patchAndArchiveEntries()
    {
        const QString id = m_cloning.value(u"id"_s).toString();
        const ApiResponse patched = m_client->patch(
            u"/entries/"_s + id,
            {{u"name"_s, u"Cloning GFP (v2)"_s},
             {u"folderId"_s, m_notebook},
             {u"authorIds"_s, m_alice},
             {u"fields"_s, QJsonObject{{u"Verified"_s, QJsonObject{{u"value"_s, true}}}}}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value(u"name"_s).toString(), u"Cloning GFP (v2)"_s);
        QCOMPARE(patched.json.value(u"folderId"_s).toString(), m_notebook);
        QCOMPARE(patched.json.value(u"fields"_s)
                     .toObject()
                     .value(u"Verified"_s)
                     .toObject()
                     .value(u"value"_s),
                 QJsonValue(true));
        QCOMPARE(patched.json.value(u"fields"_s)
                     .toObject()
                     .value(u"Strategy"_s)
                     .toObject()
                     .value(u"value"_s),
                 QJsonValue(u"Restriction cloning"_s));
        QCOMPARE(m_client->get(u"/entries?authorIds.anyOf="_s + m_alice)
                     .json.value(u"entries"_s)
                     .toArray()
                     .size(),
                 2); // this one and "Miniprep 2"

        expectRefused("PATCH", u"/entries/"_s + id, json({{u"days"_s, QJsonArray()}}), 400,
                      u"'days'"_s);
        expectRefused("PATCH", u"/entries/"_s + id, json({{u"folderId"_s, u"lib_nope"_s}}), 400,
                      u"lib_nope"_s);
        expectRefused("PATCH", u"/entries/"_s + id, json({{u"name"_s, QJsonValue::Null}}), 400,
                      u"'name'"_s);
        expectRefused("PATCH", u"/entries/"_s + id,
                      json({{u"fields"_s, QJsonObject{{u"Nope"_s, QJsonObject{{u"value"_s, 1}}}}}}),
                      400, u"Nope"_s);
        expectRefused("PATCH", u"/entries/etr_nope"_s, json({{u"name"_s, u"x"_s}}), 404,
                      u"etr_nope"_s);
        expectRefused("PATCH", u"/entries/"_s + id, "{", 400, u"JSON"_s);

        const ApiResponse archived =
            m_client->post(u"/entries:archive"_s,
                           {{u"entryIds"_s, QJsonArray{id}}, {u"reason"_s, u"Made in error"_s}});
        QCOMPARE(archived.status, 200);
        QCOMPARE(archived.json, (QJsonObject{{u"entryIds"_s, QJsonArray{id}}}));
        QCOMPARE(m_client->get(u"/entries/"_s + id)
                     .json.value(u"entry"_s)
                     .toObject()
                     .value(u"archiveRecord"_s)
                     .toObject()
                     .value(u"reason"_s)
                     .toString(),
                 u"Made in error"_s);
        // An archived entry's notes are not written.
        expectRefused("PUT", u"/entries/%1/days"_s.arg(id), json({{u"days"_s, QJsonArray()}}), 400,
                      u"archived"_s);
        expectRefused("POST", u"/entries:archive"_s,
                      json({{u"entryIds"_s, QJsonArray{id}}, {u"reason"_s, u"Because"_s}}), 400,
                      u"reason"_s);
        QCOMPARE(m_client->post(u"/entries:unarchive"_s, {{u"entryIds"_s, QJsonArray{id}}}).status,
                 200);
    }

    void writeDaysRoundTrip()
    {
        const QString id = m_cloning.value(u"id"_s).toString();
        const QString miniprep = m_miniprep.value(u"id"_s).toString();
        // An attachment: a blob.
        const QByteArray bytes("gel image bytes");
        const ApiResponse blob = m_client->post(
            u"/blobs"_s,
            {{u"name"_s, u"gel.png"_s},
             {u"type"_s, u"VISUALIZATION"_s},
             {u"data64"_s, QString::fromLatin1(bytes.toBase64())},
             {u"md5"_s, QString::fromLatin1(
                            QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex())}});
        QCOMPARE(blob.status, 200);
        const QString blobId = blob.json.value(u"id"_s).toString();

        const auto link = [](const QString &type, const QString &target) {
            return QJsonObject{{u"type"_s, type}, {u"id"_s, target}};
        };
        const QJsonObject hyperlink{{u"type"_s, u"link"_s},
                                    {u"webURL"_s, u"https://example.org/p"_s}};
        const QJsonArray notes{
            QJsonObject{
                {u"type"_s, u"text"_s},
                {u"text"_s, u"See the miniprep and Alice"_s},
                {u"links"_s, QJsonArray{link(u"entry"_s, miniprep), link(u"user"_s, m_alice),
                                        link(u"folder"_s, m_notebook), hyperlink}}},
            QJsonObject{{u"type"_s, u"code"_s}, {u"text"_s, u"GAATTC"_s}},
            QJsonObject{
                {u"type"_s, u"list_bullet"_s}, {u"text"_s, u"one"_s}, {u"indentation"_s, 1}},
            QJsonObject{{u"type"_s, u"list_number"_s}, {u"text"_s, u"two"_s}},
            QJsonObject{
                {u"type"_s, u"list_checkbox"_s}, {u"text"_s, u"done"_s}, {u"checked"_s, true}},
            QJsonObject{{u"type"_s, u"text_box"_s}, {u"name"_s, u"Box"_s}, {u"text"_s, u"boxed"_s}},
            QJsonObject{{u"type"_s, u"external_file"_s},
                        {u"externalFileId"_s, blobId},
                        {u"text"_s, u"Gel"_s}},
            QJsonObject{
                {u"type"_s, u"table"_s},
                {u"text"_s, u"Results"_s},
                {u"table"_s,
                 QJsonObject{{u"name"_s, u"Results"_s},
                             {u"columnLabels"_s, QJsonArray{u"Sample"_s, QJsonValue::Null}},
                             {u"rows"_s,
                              QJsonArray{QJsonObject{
                                  {u"cells"_s,
                                   QJsonArray{QJsonObject{{u"text"_s, u"MP1"_s},
                                                          {u"link"_s, link(u"entry"_s, miniprep)}},
                                              QJsonObject{{u"text"_s, u"312"_s}}}}}}}}}}};
        const QJsonArray days{
            QJsonObject{
                {u"date"_s, u"2026-03-02"_s}, {u"title"_s, u"Day 1"_s}, {u"notes"_s, notes}},
            QJsonObject{{u"date"_s, u"2026-03-03"_s}, {u"notes"_s, QJsonArray()}}};
        const QString modifiedAt = m_client->get(u"/entries/"_s + id)
                                       .json.value(u"entry"_s)
                                       .toObject()
                                       .value(u"modifiedAt"_s)
                                       .toString();
        const ApiResponse written =
            m_client->send("PUT", u"/entries/%1/days"_s.arg(id),
                           json({{u"days"_s, days}, {u"modifiedAt"_s, modifiedAt}}));
        QVERIFY2(written.status == 200, qPrintable(written.errorMessage()));
        QVERIFY(written.json.value(u"modifiedAt"_s).toString() != modifiedAt);
        const QJsonArray stored = m_client->get(u"/entries/"_s + id)
                                      .json.value(u"entry"_s)
                                      .toObject()
                                      .value(u"days"_s)
                                      .toArray();
        QCOMPARE(written.json.value(u"days"_s).toArray(), stored);
        QCOMPARE(stored.size(), 2);
        QVERIFY(stored[1].toObject().value(u"title"_s).isNull());
        const QJsonArray back = stored[0].toObject().value(u"notes"_s).toArray();
        QCOMPARE(back.size(), notes.size());
        for (qsizetype i = 0; i < notes.size(); ++i) {
            const QJsonObject sent = notes[i].toObject();
            const QJsonObject got = back[i].toObject();
            for (auto it = sent.begin(); it != sent.end(); ++it) {
                if (it.key() == u"links"_s || it.key() == u"table"_s)
                    continue;
                QCOMPARE(got.value(it.key()), it.value());
            }
            QVERIFY(got.contains(u"indentation"_s));
        }
        const QJsonArray links = back[0].toObject().value(u"links"_s).toArray();
        QCOMPARE(links.size(), 4);
        QCOMPARE(links[0].toObject().value(u"webURL"_s).toString(),
                 QString(m_server.baseUrl().toString() + u"/entries/"_s + miniprep));
        QCOMPARE(links[3].toObject(), hyperlink);
        const QJsonObject table = back[7].toObject().value(u"table"_s).toObject();
        QCOMPARE(table.value(u"columnLabels"_s).toArray(),
                 (QJsonArray{u"Sample"_s, QJsonValue::Null}));
        QCOMPARE(table.value(u"rows"_s)
                     .toArray()[0]
                     .toObject()
                     .value(u"cells"_s)
                     .toArray()[1]
                     .toObject(),
                 (QJsonObject{{u"text"_s, u"312"_s}}));

        // What a read gives can be written back unchanged.
        const ApiResponse again =
            m_client->send("PUT", u"/entries/%1/days"_s.arg(id), json({{u"days"_s, stored}}));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(u"days"_s).toArray(), stored);

        // The links are indexed: mentions finds this entry from the user and the folder.
        QCOMPARE(m_client->get(u"/entries?mentions="_s + m_notebook)
                     .json.value(u"entries"_s)
                     .toArray()
                     .size(),
                 1);
        // The attachment is served as the entry's external file.
        const ApiResponse file = m_client->get(u"/entries/%1/external-files/%2"_s.arg(id, blobId));
        QCOMPARE(file.status, 200);
        QCOMPARE(file.json.value(u"externalFile"_s).toObject().value(u"size"_s).toInt(),
                 bytes.size());
        const QString url =
            file.json.value(u"externalFile"_s).toObject().value(u"downloadURL"_s).toString();
        ApiTestClient anonymous(m_server.baseUrl(), {});
        QCOMPARE(anonymous.get(url.mid(url.indexOf(u"/api/v2"_s) + 7)).body, bytes);
        QCOMPARE(m_client->get(u"/entries/%1/external-files/%2"_s.arg(miniprep, blobId)).status,
                 404);
    }

    void writeDaysRefusals_data()
    {
        QTest::addColumn<QJsonValue>("note");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("unknown type")
            << QJsonValue(QJsonObject{{u"type"_s, u"poem"_s}}) << u"poem"_s;
        QTest::newRow("results table")
            << QJsonValue(QJsonObject{{u"type"_s, u"results_table"_s}}) << u"results_table"_s;
        QTest::newRow("no type") << QJsonValue(QJsonObject{{u"text"_s, u"x"_s}}) << u"'type'"_s;
        QTest::newRow("not an object") << QJsonValue(u"text"_s) << u"must be an object"_s;
        QTest::newRow("unknown key")
            << QJsonValue(QJsonObject{{u"type"_s, u"text"_s}, {u"checked"_s, true}})
            << u"'checked'"_s;
        QTest::newRow("text not string")
            << QJsonValue(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, 3}}) << u"'text'"_s;
        QTest::newRow("negative indentation")
            << QJsonValue(QJsonObject{{u"type"_s, u"text"_s}, {u"indentation"_s, -1}})
            << u"indentation"_s;
        QTest::newRow("checked not bool")
            << QJsonValue(QJsonObject{{u"type"_s, u"list_checkbox"_s}, {u"checked"_s, u"yes"_s}})
            << u"'checked'"_s;
        QTest::newRow("table missing")
            << QJsonValue(QJsonObject{{u"type"_s, u"table"_s}}) << u"'table'"_s;
        QTest::newRow("ragged table")
            << QJsonValue(QJsonObject{
                   {u"type"_s, u"table"_s},
                   {u"table"_s,
                    QJsonObject{
                        {u"rows"_s, QJsonArray{QJsonObject{{u"cells"_s, QJsonArray{QJsonObject{
                                                                            {u"text"_s, u"a"_s}}}}},
                                               QJsonObject{{u"cells"_s, QJsonArray()}}}}}}})
            << u"cells"_s;
        QTest::newRow("bad link type")
            << QJsonValue(QJsonObject{{u"type"_s, u"text"_s},
                                      {u"links"_s, QJsonArray{QJsonObject{{u"type"_s, u"planet"_s},
                                                                          {u"id"_s, u"x"_s}}}}})
            << u"planet"_s;
        QTest::newRow("unknown link target")
            << QJsonValue(
                   QJsonObject{{u"type"_s, u"text"_s},
                               {u"links"_s, QJsonArray{QJsonObject{{u"type"_s, u"dna_sequence"_s},
                                                                   {u"id"_s, u"seq_nope"_s}}}}})
            << u"seq_nope"_s;
        QTest::newRow("link of wrong kind")
            << QJsonValue(QJsonObject{
                   {u"type"_s, u"text"_s},
                   {u"links"_s,
                    QJsonArray{QJsonObject{{u"type"_s, u"box"_s}, {u"id"_s, u"FOLDER"_s}}}}})
            << u"box"_s;
        QTest::newRow("hyperlink without url")
            << QJsonValue(QJsonObject{
                   {u"type"_s, u"text"_s},
                   {u"links"_s, QJsonArray{QJsonObject{{u"type"_s, u"link"_s},
                                                       {u"webURL"_s, u"javascript:alert(1)"_s}}}}})
            << u"http"_s;
        QTest::newRow("unservable link type")
            << QJsonValue(QJsonObject{
                   {u"type"_s, u"text"_s},
                   {u"links"_s,
                    QJsonArray{QJsonObject{{u"type"_s, u"workflow"_s}, {u"id"_s, u"wf_1"_s}}}}})
            << u"workflow"_s;
        QTest::newRow("missing file") << QJsonValue(QJsonObject{{u"type"_s, u"external_file"_s},
                                                                {u"externalFileId"_s, u"nope"_s}})
                                      << u"nope"_s;
    }
    void writeDaysRefusals()
    {
        QFETCH(QJsonValue, note);
        QFETCH(QString, messagePart);
        QJsonValue value = note;
        // Put the notebook folder's id where the row says FOLDER (a box link to a folder).
        QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        text.replace("FOLDER", m_notebook.toUtf8());
        const QJsonArray notes = QJsonDocument::fromJson(text).array();
        const QJsonArray days{QJsonObject{{u"date"_s, u"2026-03-02"_s}, {u"notes"_s, notes}}};
        expectRefused("PUT", u"/entries/%1/days"_s.arg(m_miniprep.value(u"id"_s).toString()),
                      json({{u"days"_s, days}}), 400, messagePart);
    }

    void writeDaysBodyErrors()
    {
        const QString path = u"/entries/%1/days"_s.arg(m_miniprep.value(u"id"_s).toString());
        expectRefused("PUT", path, "{", 400, u"JSON"_s);
        expectRefused("PUT", path, json({}), 400, u"'days'"_s);
        expectRefused("PUT", path, json({{u"days"_s, u"x"_s}}), 400, u"'days'"_s);
        expectRefused("PUT", path, json({{u"days"_s, QJsonArray()}, {u"author"_s, 1}}), 400,
                      u"'author'"_s);
        expectRefused("PUT", path,
                      json({{u"days"_s, QJsonArray{QJsonObject{{u"notes"_s, QJsonArray()}}}}}), 400,
                      u"'date'"_s);
        expectRefused("PUT", path,
                      json({{u"days"_s, QJsonArray{QJsonObject{{u"date"_s, u"March"_s}}}}}), 400,
                      u"March"_s);
        expectRefused("PUT", u"/entries/etr_nope/days"_s, json({{u"days"_s, QJsonArray()}}), 404,
                      u"etr_nope"_s);
        // Optimistic concurrency: a stale modifiedAt is refused with 409.
        expectRefused(
            "PUT", path,
            json({{u"days"_s, QJsonArray()}, {u"modifiedAt"_s, u"2000-01-01T00:00:00.000Z"_s}}),
            409, u"modified at"_s);
    }

    void entrySchemasAndTemplates()
    {
        const ApiResponse schemas = m_client->get(u"/entry-schemas"_s);
        QCOMPARE(schemas.status, 200);
        QCOMPARE(names(schemas, u"entrySchemas"_s).size(), 2);
        const QJsonObject cloning = byName(schemas, u"entrySchemas"_s, u"Cloning"_s);
        QVERIFY(cloning.value(u"id"_s).toString().startsWith(u"ts_"_s));
        QCOMPARE(cloning.value(u"type"_s).toString(), u"entry"_s);
        QCOMPARE(cloning.value(u"fieldDefinitions"_s).toArray().size(), 2);
        QCOMPARE(m_client->get(u"/entry-schemas/"_s + cloning.value(u"id"_s).toString()).json,
                 cloning);
        QCOMPARE(m_client->get(u"/entry-schemas/ts_nope"_s).status, 404);
        const ApiResponse onePage = m_client->get(u"/entry-schemas?pageSize=1"_s);
        QCOMPARE(names(onePage, u"entrySchemas"_s).size(), 1);
        QVERIFY(!onePage.json.value(u"nextToken"_s).toString().isEmpty());
        QCOMPARE(m_client->get(u"/entry-schemas?pageSize=0"_s).status, 400);

        const ApiResponse templates = m_client->get(u"/entry-templates?name=Cloning"_s);
        QCOMPARE(names(templates, u"entryTemplates"_s), QStringList{u"Cloning"_s});
        const QJsonObject tmpl =
            templates.json.value(u"entryTemplates"_s).toArray().first().toObject();
        const QString id = tmpl.value(u"id"_s).toString();
        QVERIFY(tmpl.value(u"templateCollectionId"_s).toString().startsWith(u"tmplcol_"_s));
        QCOMPARE(tmpl.value(u"days"_s).toArray().first().toObject().value(u"day"_s).toInt(), 1);
        QCOMPARE(m_client
                     ->get(u"/entry-templates?templateCollectionId="_s +
                           tmpl.value(u"templateCollectionId"_s).toString())
                     .json.value(u"entryTemplates"_s)
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(m_client->get(u"/entry-templates/"_s + id).json, tmpl);
        QCOMPARE(m_client->get(u"/entry-templates/tmpl_nope"_s).status, 404);

        const ApiResponse patched = m_client->patch(
            u"/entry-templates/"_s + id,
            {{u"name"_s, u"Cloning (restriction)"_s},
             {u"fields"_s,
              QJsonObject{{u"Strategy"_s, QJsonObject{{u"value"_s, u"Restriction"_s}}}}}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value(u"name"_s).toString(), u"Cloning (restriction)"_s);
        QCOMPARE(patched.json.value(u"fields"_s)
                     .toObject()
                     .value(u"Strategy"_s)
                     .toObject()
                     .value(u"value"_s),
                 QJsonValue(u"Restriction"_s));
        expectRefused("PATCH", u"/entry-templates/"_s + id, json({{u"days"_s, QJsonArray()}}), 400,
                      u"'days'"_s);
        expectRefused("PATCH", u"/entry-templates/"_s + id,
                      json({{u"templateCollectionId"_s, u"tmplcol_nope"_s}}), 400,
                      u"tmplcol_nope"_s);
        expectRefused("PATCH", u"/entry-templates/"_s + id, json({{u"schemaId"_s, u"ts_nope"_s}}),
                      400, u"ts_nope"_s);
        expectRefused("PATCH", u"/entry-templates/tmpl_nope"_s, json({{u"name"_s, u"x"_s}}), 404,
                      u"tmpl_nope"_s);

        // Template days (EntryTemplateDay: a day number, not a date).
        const QJsonArray days{
            QJsonObject{{u"day"_s, 2},
                        {u"title"_s, u"Transform"_s},
                        {u"notes"_s, QJsonArray{QJsonObject{{u"type"_s, u"list_checkbox"_s},
                                                            {u"text"_s, u"Plate on LB-Amp"_s}}}}}};
        const ApiResponse written =
            m_client->send("PUT", u"/entry-templates/%1/days"_s.arg(id), json({{u"days"_s, days}}));
        QCOMPARE(written.status, 200);
        QCOMPARE(written.json.value(u"days"_s).toArray().first().toObject().value(u"day"_s).toInt(),
                 2);
        QCOMPARE(written.json.value(u"days"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"notes"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"checked"_s),
                 QJsonValue(false));
        expectRefused("PUT", u"/entry-templates/%1/days"_s.arg(id),
                      json({{u"days"_s, QJsonArray{QJsonObject{{u"date"_s, u"2026-01-01"_s}}}}}),
                      400, u"'date'"_s);
        expectRefused("PUT", u"/entry-templates/%1/days"_s.arg(id),
                      json({{u"days"_s, QJsonArray{QJsonObject{{u"day"_s, -1}}}}}), 400,
                      u"'day'"_s);
        // A new entry from it starts its day 2 a day after today.
        const ApiResponse entry = m_client->post(u"/entries"_s, {{u"name"_s, u"From template"_s},
                                                                 {u"folderId"_s, m_notebook},
                                                                 {u"entryTemplateId"_s, id}});
        QCOMPARE(entry.status, 201);
        QCOMPARE(
            entry.json.value(u"days"_s).toArray().first().toObject().value(u"date"_s).toString(),
            QDate::currentDate().addDays(1).toString(Qt::ISODate));
        QCOMPARE(entry.json.value(u"fields"_s)
                     .toObject()
                     .value(u"Strategy"_s)
                     .toObject()
                     .value(u"value"_s),
                 QJsonValue(u"Restriction"_s));
    }

private:
    TestLabServer m_server;
    std::unique_ptr<ApiTestClient> m_client;
    QString m_project, m_notebook, m_minipreps, m_alice;
    QJsonObject m_miniprep, m_cloning;
};

QTEST_GUILESS_MAIN(TestServerNotebook)
#include "tst_server_notebook.moc"
