// Editing notebook entries against the real lab server: the body saved with the days extension
// and read back equal; the read-only path on a server without it (a FaultProxy answering 404 as
// a real tenant does); drafts that survive an editor destroyed without saving; conflicting saves
// detected (409) and resolved by reload or overwrite; header changes through PATCH; attachments
// uploaded as blobs (single and multipart); the PDF export task and local PDF printing.
#include "FaultProxy.h"
#include "NotebookUiSupport.h"
#include "models/ResourceListModel.h"
#include "models/notebook/EntryHtml.h"
#include "models/notebook/NotebookJobs.h"
#include "models/store/ResourceStore.h"
#include "widgets/notebook/NoteBlocks.h"
#include "widgets/notebook/NotebookView.h"

#include "widgets/Qsci.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace benchtop;
using namespace benchtop::widgets::notebook;
using benchtop::test::ApiTestClient;
using benchtop::test::FaultProxy;

namespace {
QJsonArray serverDays(ApiTestClient &api, const QString &id)
{
    return test::entryById(api, id).value(u"days"_s).toArray();
}

NoteBlock *block(EntryEditor &editor, int index)
{
    return editor.days().value(0)->blocks().value(index);
}

bool waitSaved(EntryEditor &editor)
{
    QSignalSpy saved(editor.session(), &models::EntrySession::saved);
    editor.save();
    return saved.wait(10'000);
}
} // namespace

class TestUiNotebookEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_lab.start());
        m_api = std::make_unique<ApiTestClient>(m_lab.baseUrl(), m_lab.apiKey());
        m_client = std::make_unique<models::ApiClient>(
            models::Connection{m_lab.baseUrl(), m_lab.apiKey(), 10'000});
    }

    void init()
    {
        m_drafts = std::make_unique<QTemporaryDir>();
        QVERIFY(m_drafts->isValid());
    }

    void editAndSaveBody()
    {
        const QString id = test::entryIdByName(*m_api, u"Miniprep of pUC19 clones"_s);
        auto editor = std::make_unique<EntryEditor>(m_client.get(), id, nullptr, m_drafts->path());
        editor->show();
        QVERIFY(test::waitLoaded(editor.get()));
        QVERIFY(editor->isEditable());
        QVERIFY(!editor->readOnlyBadge()->isVisibleTo(editor.get()));

        // Type into the first text note (with undo), uncheck a box.
        auto *text = qobject_cast<TextBlock *>(block(*editor, 0));
        text->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(text->editor(), u" Extra."_s);
        QVERIFY(text->editor()->toPlainText().endsWith(u" Extra."_s));
        text->editor()->undo();
        QVERIFY(!text->editor()->toPlainText().endsWith(u" Extra."_s));
        QTest::keyClicks(text->editor(), u" Cultures looked fine."_s);
        qobject_cast<TextBlock *>(block(*editor, 3))->checkBox()->setChecked(false);

        // The table: a row pasted from a spreadsheet, a column added, then one removed.
        auto *table = qobject_cast<TableBlock *>(block(*editor, 4));
        table->table()->setCurrentCell(2, 0);
        table->addRow();
        QCOMPARE(table->table()->rowCount(), 4);
        table->table()->setCurrentCell(3, 0);
        table->pasteTsv(u"Prep 4\t150.0\t1.79\r\nPrep 5\t99.5\t1.90\t(low)\r\n"_s);
        QCOMPARE(table->table()->rowCount(), 5);
        QCOMPARE(table->table()->columnCount(), 4); // grew for "(low)"
        QCOMPARE(table->table()->item(4, 3)->text(), u"(low)"_s);
        table->table()->setCurrentCell(0, 3);
        table->removeColumn();
        QCOMPARE(table->table()->columnCount(), 3);
        QCOMPARE(table->table()->item(3, 1)->text(), u"150.0"_s);

        // New notes after the table: a checkbox and a code block; then a new day.
        editor->setCurrentBlock(table);
        auto *check = qobject_cast<TextBlock *>(editor->addNote(u"list_checkbox"_s));
        QTest::keyClicks(check->editor(), u"Send for sequencing"_s);
        auto *code = qobject_cast<CodeBlock *>(editor->addNote(u"code"_s));
        code->editor()->setText(u"for well in plate:\n    read(well)"_s);
        editor->addDay();
        QCOMPARE(editor->days().size(), 2);
        auto *dayText = qobject_cast<TextBlock *>(editor->days()[1]->blocks()[0]);
        QTest::keyClicks(dayText->editor(), u"Sequencing results back."_s);
        QVERIFY(editor->session()->isDirty());

        const QJsonArray expected = editor->bodyJson();
        QVERIFY(waitSaved(*editor));
        QVERIFY(!editor->session()->isDirty());
        // Read back: what the server holds is what was shown.
        const QJsonArray stored = serverDays(*m_api, id);
        QCOMPARE(stored, expected);
        const QJsonObject storedTable = stored[0][u"notes"_s][4][u"table"_s].toObject();
        QCOMPARE(storedTable.value(u"rows"_s).toArray().size(), 5);
        QCOMPARE(stored[0][u"notes"_s][5][u"type"_s].toString(), u"list_checkbox"_s);
        QCOMPARE(stored[0][u"notes"_s][6][u"text"_s].toString(),
                 u"for well in plate:\n    read(well)"_s);
        QVERIFY(
            stored[0][u"notes"_s][0][u"text"_s].toString().endsWith(u"Cultures looked fine."_s));
        QCOMPARE(stored[1][u"notes"_s][0][u"text"_s].toString(), u"Sequencing results back."_s);
        // The cell link to the tube survived the edits.
        QCOMPARE(storedTable[u"rows"_s][0][u"cells"_s][0][u"link"_s][u"type"_s].toString(),
                 u"container"_s);

        // A fresh editor shows the same; no draft is left behind.
        editor.reset();
        QVERIFY(QDir(m_drafts->path()).entryList(QDir::Files).isEmpty());
        EntryEditor again(m_client.get(), id, nullptr, m_drafts->path());
        QVERIFY(test::waitLoaded(&again));
        QVERIFY(!again.session()->restoredFromDraft());
        QCOMPARE(again.bodyJson(), expected);
    }

    void insertLinkToEntity()
    {
        const QString id = test::entryIdByName(*m_api, u"Lab meeting notes"_s);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts->path());
        QVERIFY(test::waitLoaded(&editor));
        models::EntitySearch search(m_client.get());
        QSignalSpy found(&search, &models::EntitySearch::finished);
        search.search(u"pUC19"_s);
        QVERIFY(found.wait(10'000));
        QJsonObject hit;
        for (const QJsonObject &result : search.results())
            if (result.value(u"type"_s).toString() == u"dna_sequence"_s)
                hit = result;
        QVERIFY2(!hit.isEmpty(), "the search finds the pUC19 plasmid");
        QVERIFY(hit.value(u"name"_s).toString().contains(u"pUC19"_s));
        editor.setCurrentBlock(block(editor, 0));
        editor.insertLink({{u"type"_s, u"dna_sequence"_s}, {u"id"_s, hit.value(u"id"_s)}},
                          hit.value(u"name"_s).toString());
        QCOMPARE(block(editor, 0)->links().size(), 1);
        QVERIFY(waitSaved(editor));
        const QJsonObject link = serverDays(*m_api, id)[0][u"notes"_s][0][u"links"_s][0].toObject();
        QCOMPARE(link.value(u"id"_s), hit.value(u"id"_s));
        // The server indexes it: the entry now mentions the sequence.
        const auto mentions = m_api->get(u"/entries?mentions="_s + hit.value(u"id"_s).toString());
        QVERIFY(QJsonDocument(mentions.json).toJson().contains(id.toUtf8()));
    }

    void readOnlyWithoutExtension()
    {
        // A real tenant: no /benchtop/session and no PUT …/days.
        FaultProxy proxy(m_lab.baseUrl());
        QVERIFY(proxy.listen());
        const QByteArray notFound =
            R"({"error":{"type":"invalid_request_error","message":"Not found"}})";
        proxy.addRule(
            {FaultProxy::Fault::Canned, "GET", u"/benchtop/session"_s, 100, {}, {}, 404, notFound});
        proxy.addRule({FaultProxy::Fault::Canned, "PUT", u"/days"_s, 100, {}, {}, 404, notFound});
        models::EntrySession::forgetServer(proxy.url()); // a port may be reused
        models::ApiClient tenant(models::Connection{proxy.url(), m_lab.apiKey(), 10'000});
        const QString id = test::entryIdByName(*m_api, u"Cloning GFP into pUC19"_s);
        const QJsonArray before = serverDays(*m_api, id);
        EntryEditor editor(&tenant, id, nullptr, m_drafts->path());
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        QTRY_VERIFY(editor.readOnlyBadge()->isVisibleTo(&editor));
        QVERIFY(editor.readOnlyBadge()->text().contains(u"Read-only body"_s));
        QVERIFY(editor.readOnlyBadge()->text().contains(u"edit them in Benchling"_s));
        QVERIFY(!editor.isEditable());
        QVERIFY(qobject_cast<TextBlock *>(block(editor, 0))->editor()->isReadOnly());
        QVERIFY(!qobject_cast<TextBlock *>(block(editor, 1))->checkBox()->isEnabled());
        QVERIFY(qobject_cast<CodeBlock *>(block(editor, 5))->editor()->isReadOnly());
        editor.save(); // does nothing
        QCOMPARE(proxy.count("PUT"), 0);
        QCOMPARE(serverDays(*m_api, id), before);
    }

    void readOnlyLearnedFromFirstPut()
    {
        // The probe passes (or is not conclusive), but the first PUT answers 404.
        FaultProxy proxy(m_lab.baseUrl());
        QVERIFY(proxy.listen());
        proxy.addRule({FaultProxy::Fault::Canned,
                       "PUT",
                       u"/days"_s,
                       100,
                       {},
                       {},
                       404,
                       R"({"error":{"type":"invalid_request_error","message":"Not found"}})"});
        models::EntrySession::forgetServer(proxy.url()); // a port may be reused
        models::ApiClient tenant(models::Connection{proxy.url(), m_lab.apiKey(), 10'000});
        const QString id = test::entryIdByName(*m_api, u"Cloning GFP into pUC19"_s);
        const QJsonArray before = serverDays(*m_api, id);
        EntryEditor editor(&tenant, id, nullptr, m_drafts->path());
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        QTRY_VERIFY(editor.session()->bodyWritable());
        QTest::keyClicks(qobject_cast<TextBlock *>(block(editor, 0))->editor(), u"typed "_s);
        QSignalSpy failed(editor.session(), &models::EntrySession::failed);
        editor.save();
        QVERIFY(failed.wait(10'000));
        QVERIFY(!editor.session()->bodyWritable());
        QVERIFY(editor.readOnlyBadge()->isVisibleTo(&editor));
        QVERIFY(editor.statusLabel()->text().contains(u"kept as a draft"_s));
        // Nothing typed is lost: the draft holds it.
        const models::EntryDraftStore::Draft draft =
            models::EntryDraftStore(m_drafts->path()).load(proxy.url(), id);
        QVERIFY(draft.isValid());
        QVERIFY(draft.days[0][u"notes"_s][0][u"text"_s].toString().contains(u"typed "_s));
        QCOMPARE(serverDays(*m_api, id), before);
    }

    void draftSurvivesCrash()
    {
        const QString id = test::entryIdByName(*m_api, u"Lab meeting notes"_s);
        const QJsonArray before = serverDays(*m_api, id);
        {
            // The editor dies without saving (as in a crash: no save, no prompt).
            auto *editor = new EntryEditor(m_client.get(), id, nullptr, m_drafts->path());
            QVERIFY(test::waitLoaded(editor));
            auto *text = qobject_cast<TextBlock *>(block(*editor, 0));
            text->editor()->moveCursor(QTextCursor::End);
            QTest::keyClicks(text->editor(), u" (urgent)"_s);
            auto *table = qobject_cast<TableBlock *>(editor->addNote(u"table"_s));
            table->table()->item(0, 0)->setText(u"cells"_s);
            delete editor;
        }
        QCOMPARE(serverDays(*m_api, id), before); // nothing reached the server
        QCOMPARE(QDir(m_drafts->path()).entryList(QDir::Files).size(), 1);

        EntryEditor restored(m_client.get(), id, nullptr, m_drafts->path());
        QVERIFY(test::waitLoaded(&restored));
        QVERIFY(restored.session()->restoredFromDraft());
        QVERIFY(restored.session()->isDirty());
        QVERIFY(restored.statusLabel()->text().contains(u"Restored unsaved changes"_s));
        QCOMPARE(qobject_cast<TextBlock *>(block(restored, 0))->editor()->toPlainText(),
                 u"Order new competent cells (urgent)"_s);
        auto *table = qobject_cast<TableBlock *>(restored.days()[0]->blocks().last());
        QVERIFY(table);
        QCOMPARE(table->table()->item(0, 0)->text(), u"cells"_s);
        QVERIFY(waitSaved(restored));
        QCOMPARE(serverDays(*m_api, id)[0][u"notes"_s][0][u"text"_s].toString(),
                 u"Order new competent cells (urgent)"_s);
        QVERIFY(QDir(m_drafts->path()).entryList(QDir::Files).isEmpty());
    }

    void conflictOverwrite()
    {
        const QString id = test::entryIdByName(*m_api, u"Cloning GFP into pUC19"_s);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts->path());
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        // Another client writes the days meanwhile.
        QJsonArray theirs = serverDays(*m_api, id);
        QJsonObject day = theirs[0].toObject();
        QJsonArray notes = day.value(u"notes"_s).toArray();
        notes.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u"Their note"_s}});
        day.insert(u"notes"_s, notes);
        theirs[0] = day;
        QCOMPARE(m_api
                     ->send("PUT", u"/entries/%1/days"_s.arg(id),
                            QJsonDocument(QJsonObject{{u"days"_s, theirs}}).toJson())
                     .status,
                 200);
        QTest::keyClicks(qobject_cast<TextBlock *>(block(editor, 0))->editor(), u"Mine: "_s);
        QSignalSpy conflict(editor.session(), &models::EntrySession::conflict);
        editor.save();
        QVERIFY(conflict.wait(10'000));
        QVERIFY(editor.conflictBar()->isVisibleTo(&editor));
        QCOMPARE(editor.session()->state(), models::EntrySession::State::Conflict);
        // Refused: the server still has theirs.
        QCOMPARE(serverDays(*m_api, id)[0][u"notes"_s].toArray().last()[u"text"_s].toString(),
                 u"Their note"_s);
        QCOMPARE(QDir(m_drafts->path()).entryList(QDir::Files).size(), 1);
        QSignalSpy saved(editor.session(), &models::EntrySession::saved);
        QTest::mouseClick(editor.conflictBar()->findChild<QPushButton *>(u"overwrite"_s),
                          Qt::LeftButton);
        QVERIFY(saved.wait(10'000));
        QVERIFY(!editor.conflictBar()->isVisibleTo(&editor));
        const QJsonArray stored = serverDays(*m_api, id);
        QVERIFY(stored[0][u"notes"_s][0][u"text"_s].toString().startsWith(u"Mine: "_s));
        QVERIFY(stored[0][u"notes"_s].toArray().last()[u"text"_s].toString() != u"Their note"_s);
        QVERIFY(QDir(m_drafts->path()).entryList(QDir::Files).isEmpty());
    }

    void conflictReload()
    {
        const QString id = test::entryIdByName(*m_api, u"Lab meeting notes"_s);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts->path());
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        QJsonArray theirs = serverDays(*m_api, id);
        QJsonObject day = theirs[0].toObject();
        day.insert(u"title"_s, u"Their title"_s);
        theirs[0] = day;
        QCOMPARE(m_api
                     ->send("PUT", u"/entries/%1/days"_s.arg(id),
                            QJsonDocument(QJsonObject{{u"days"_s, theirs}}).toJson())
                     .status,
                 200);
        QTest::keyClicks(qobject_cast<TextBlock *>(block(editor, 1))->editor(), u"mine "_s);
        QSignalSpy conflict(editor.session(), &models::EntrySession::conflict);
        editor.save();
        QVERIFY(conflict.wait(10'000));
        QSignalSpy loaded(editor.session(), &models::EntrySession::loaded);
        QTest::mouseClick(editor.conflictBar()->findChild<QPushButton *>(u"reload"_s),
                          Qt::LeftButton);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(editor.days()[0]->titleEdit()->text(), u"Their title"_s);
        QVERIFY(!qobject_cast<TextBlock *>(block(editor, 1))
                     ->editor()
                     ->toPlainText()
                     .contains(u"mine "_s));
        QVERIFY(!editor.session()->isDirty());
        QVERIFY(QDir(m_drafts->path()).entryList(QDir::Files).isEmpty());
        QCOMPARE(editor.bodyJson(), serverDays(*m_api, id));
    }

    void headerThroughPatch()
    {
        const QString id = test::entryIdByName(*m_api, u"Miniprep of pUC19 clones"_s);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts->path());
        QVERIFY(test::waitLoaded(&editor));
        // Edit the body first: the PATCH must not make the body's own save conflict.
        QTest::keyClicks(qobject_cast<TextBlock *>(block(editor, 0))->editor(), u"x"_s);
        editor.nameEdit()->setText(u"Miniprep of pUC19 clones (repeat)"_s);
        auto *kit = editor.findChild<QLineEdit *>(u"field:Kit"_s);
        QVERIFY(kit);
        kit->setText(u"PureLink"_s);
        QSignalSpy patched(editor.session(), &models::EntrySession::patched);
        editor.applyHeader();
        QVERIFY(patched.wait(10'000));
        const QJsonObject entry = test::entryById(*m_api, id);
        QCOMPARE(entry.value(u"name"_s).toString(), u"Miniprep of pUC19 clones (repeat)"_s);
        QCOMPARE(entry[u"fields"_s][u"Kit"_s][u"value"_s].toString(), u"PureLink"_s);
        QVERIFY(waitSaved(editor));
        QVERIFY(serverDays(*m_api, id)[0][u"notes"_s][0][u"text"_s].toString().startsWith(u"x"_s));
        // Back as it was, for the suites after this one.
        QCOMPARE(
            m_api->patch(u"/entries/"_s + id, {{u"name"_s, u"Miniprep of pUC19 clones"_s}}).status,
            200);
    }

    void attachFile()
    {
        const QString id = test::entryIdByName(*m_api, u"Lab meeting notes"_s);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts->path());
        QVERIFY(test::waitLoaded(&editor));
        const QString path = m_drafts->filePath(u"plate-layout.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("well,sample\nA1,pUC19\n");
        file.close();
        QSignalSpy attached(&editor, &EntryEditor::attachFinished);
        editor.attachFile(path);
        QVERIFY(attached.wait(10'000));
        QVERIFY2(attached[0][0].toBool(), qPrintable(attached[0][1].toString()));
        const QString blobId = attached[0][1].toString();
        auto *fileBlock = qobject_cast<FileBlock *>(editor.days().last()->blocks().last());
        QVERIFY(fileBlock);
        QCOMPARE(fileBlock->externalFileId(), blobId);
        QVERIFY(waitSaved(editor));
        const QJsonObject note = serverDays(*m_api, id)[0][u"notes"_s].toArray().last().toObject();
        QCOMPARE(note.value(u"type"_s).toString(), u"external_file"_s);
        QCOMPARE(note.value(u"externalFileId"_s).toString(), blobId);
        // And it downloads again through the entry.
        models::FileDownload download(m_client.get(), id, blobId);
        QSignalSpy downloaded(&download, &models::FileDownload::finished);
        download.start();
        QVERIFY(downloaded.wait(10'000));
        QVERIFY(downloaded[0][0].toBool());
        QCOMPARE(download.data(), QByteArray("well,sample\nA1,pUC19\n"));
    }

    void multipartUploadReportsProgress()
    {
        QByteArray data(models::BlobUpload::kPartSize + 1234, 'x');
        for (qsizetype i = 0; i < data.size(); i += 97)
            data[i] = char('a' + i % 26);
        models::BlobUpload upload(m_client.get(), u"big.bin"_s, data);
        upload.setMultipartThreshold(1024);
        QSignalSpy progress(&upload, &models::BlobUpload::progress);
        QSignalSpy finished(&upload, &models::BlobUpload::finished);
        upload.start();
        QVERIFY(finished.wait(30'000));
        QVERIFY2(finished[0][0].toBool(), qPrintable(upload.errorMessage()));
        QCOMPARE(progress.size(), 3); // 0, part 1, part 2
        QCOMPARE(progress[1][0].toLongLong(), models::BlobUpload::kPartSize);
        QCOMPARE(progress[2][0].toLongLong(), qint64(data.size()));
        const auto blob = m_api->get(u"/blobs/"_s + upload.blobId());
        QCOMPARE(blob.json.value(u"uploadStatus"_s).toString(), u"COMPLETE"_s);
        QCOMPARE(m_api->get(u"/blobs/%1/download"_s.arg(upload.blobId())).body, data);
    }

    void exportPdfThroughTheApi()
    {
        const QString id = test::entryIdByName(*m_api, u"Miniprep of pUC19 clones"_s);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts->path());
        QVERIFY(test::waitLoaded(&editor));
        const QString path = m_drafts->filePath(u"export.pdf"_s);
        QSignalSpy done(&editor, &EntryEditor::exportFinished);
        editor.exportPdf(path);
        QVERIFY(done.wait(15'000));
        QVERIFY2(done[0][0].toBool(), qPrintable(done[0][1].toString()));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.contains("/Count 1") || bytes.contains("/Count 2"));
        QVERIFY(editor.statusLabel()->text().startsWith(u"Exported to"_s));
    }

    void newEntryFromTemplate()
    {
        models::ResourceStore store;
        NotebookView view(m_client.get(), &store);
        QSignalSpy folders(view.folders(), &models::FolderTreeModel::loaded);
        QVERIFY(folders.wait(10'000));
        const QModelIndex minipreps = view.folders()
                                          ->match(view.folders()->index(0, 0), Qt::DisplayRole,
                                                  u"Minipreps"_s, 1, Qt::MatchRecursive)
                                          .value(0);
        view.folderTree()->setCurrentIndex(minipreps);
        if (view.entries()->canFetchMore({}))
            view.entries()->fetchMore({});
        QTRY_COMPARE(view.entries()->rowCount(), 1); // listed before the new one exists
        view.newEntryFromTemplate();
        auto *dialog = view.findChild<QDialog *>();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>()->setText(u"Miniprep of pBR322"_s);
        auto *templates = dialog->findChild<QComboBox *>();
        QTRY_VERIFY(templates->findText(u"Miniprep"_s) > 0);
        templates->setCurrentIndex(templates->findText(u"Miniprep"_s));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(view.editor() != nullptr, 10'000);
        QVERIFY(test::waitLoaded(view.editor()));
        QCOMPARE(view.editor()->nameEdit()->text(), u"Miniprep of pBR322"_s);
        // The template's day: its checklist and its empty yields table.
        QCOMPARE(view.editor()->days().size(), 1);
        QCOMPARE(view.editor()->days()[0]->titleEdit()->text(), u"Miniprep"_s);
        const QList<NoteBlock *> blocks = view.editor()->days()[0]->blocks();
        QCOMPARE(blocks.size(), 5);
        QCOMPARE(blocks[4]->type(), u"table"_s);
        const QJsonObject stored = test::entryById(*m_api, view.editor()->session()->entryId());
        QCOMPARE(stored.value(u"folderId"_s).toString(), minipreps.data(models::IdRole).toString());
        QVERIFY(stored.value(u"entryTemplateId"_s).toString().startsWith(u"tmpl_"_s));
        // And it is listed in the folder (the list starts again after the create).
        if (view.entries()->canFetchMore({}))
            view.entries()->fetchMore({});
        QTRY_COMPARE(view.entries()->rowCount(), 2);
        QVERIFY(view.entries()->rowOf(view.editor()->session()->entryId()) >= 0);
    }

    void printLocallyToPdf()
    {
        const QString id = test::entryIdByName(*m_api, u"Miniprep of pUC19 clones"_s);
        const QJsonObject entry = test::entryById(*m_api, id);
        const QString html = models::entryHtml(entry, entry.value(u"days"_s).toArray());
        QVERIFY(html.contains(u"<th>ng/µL</th>"_s));
        QVERIFY(html.contains(u"☑ Pellet cells"_s));
        const QString path = m_drafts->filePath(u"local.pdf"_s);
        QVERIFY(models::writeEntryPdf(path, entry, entry.value(u"days"_s).toArray()));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.contains("/Type /Page"));
    }

private:
    test::TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    std::unique_ptr<models::ApiClient> m_client;
    std::unique_ptr<QTemporaryDir> m_drafts;
};

QTEST_MAIN(TestUiNotebookEdit)
#include "tst_ui_notebook_edit.moc"
