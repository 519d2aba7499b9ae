// The notebook's reading side on the real lab server's demo entries: every note type rendered
// from the API's JSON (text, bullet/numbered/checkbox lists, tables with labels and linked cells,
// code in QScintilla, attachments, hyperlinks, links to sequences/tubes/boxes/entries, and the
// read-only Benchling structured tables), link clicks asking the app to open the resource, and
// the rendering giving back exactly the JSON it was built from. Plus the browser (folder tree
// under QAbstractItemModelTester, folder/name filters) and the Notebook page in the main window.
#include "NotebookUiSupport.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "models/ResourceListModel.h"
#include "models/notebook/NotebookJobs.h"
#include "models/store/ResourceStore.h"
#include "widgets/notebook/NoteBlocks.h"
#include "widgets/notebook/NotebookView.h"

#include "widgets/Qsci.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace benchtop;
using namespace benchtop::widgets::notebook;
using benchtop::test::ApiTestClient;

namespace {
// The server adds webURL to resource links; the editor keeps what it read, so a GET and the
// editor's JSON compare equal as they are.
QList<NoteBlock *> allBlocks(EntryEditor *editor)
{
    QList<NoteBlock *> blocks;
    for (DayWidget *day : editor->days())
        blocks.append(day->blocks());
    return blocks;
}
} // namespace

class TestUiNotebookRender : public QObject
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
        QVERIFY(m_drafts.isValid());
    }

    void miniprepEntry()
    {
        const QString id = test::entryIdByName(*m_api, u"Miniprep of pUC19 clones"_s);
        QVERIFY(!id.isEmpty());
        const QJsonObject entry = test::entryById(*m_api, id);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts.path());
        editor.resize(900, 700);
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        QCOMPARE(editor.nameEdit()->text(), u"Miniprep of pUC19 clones"_s);
        QCOMPARE(editor.days().size(), 1);
        QCOMPARE(editor.days()[0]->titleEdit()->text(), u"Miniprep"_s);
        const QList<NoteBlock *> blocks = allBlocks(&editor);
        QStringList types;
        for (NoteBlock *block : blocks)
            types.append(block->type());
        QCOMPARE(types, (QStringList{u"text"_s, u"list_checkbox"_s, u"list_checkbox"_s,
                                     u"list_checkbox"_s, u"table"_s, u"list_bullet"_s}));
        // Text with links to the two sequences, shown by name once the names arrive.
        auto *text = qobject_cast<TextBlock *>(blocks[0]);
        QVERIFY(text);
        QVERIFY(text->editor()->toPlainText().startsWith(u"Three colonies picked"_s));
        QVERIFY(text->editor()->isReadOnly() == false); // the lab server can write bodies
        const QJsonArray links = entry.value(u"days"_s)[0][u"notes"_s][0][u"links"_s].toArray();
        QCOMPARE(links.size(), 2);
        const QString firstSequence = links[0][u"id"_s].toString();
        const QString sequenceName =
            m_api->get(u"/dna-sequences/"_s + firstSequence).json.value(u"name"_s).toString();
        QVERIFY(!sequenceName.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(text->linksLabel()->text().contains(sequenceName), 10'000);
        QVERIFY(text->linksLabel()->isVisibleTo(&editor));
        // Checkboxes, checked.
        for (int i = 1; i <= 3; ++i) {
            auto *check = qobject_cast<TextBlock *>(blocks[i]);
            QVERIFY(check && check->checkBox());
            QVERIFY(check->checkBox()->isChecked());
        }
        QCOMPARE(qobject_cast<TextBlock *>(blocks[1])->editor()->toPlainText(),
                 u"Pellet cells (6000 g, 10 min)"_s);
        // The table: labels, three rows, a tube linked from each first cell.
        auto *table = qobject_cast<TableBlock *>(blocks[4]);
        QVERIFY(table);
        QTableWidget *grid = table->table();
        QCOMPARE(grid->columnCount(), 3);
        QCOMPARE(grid->rowCount(), 3);
        QCOMPARE(grid->horizontalHeaderItem(0)->text(), u"Sample"_s);
        QCOMPARE(grid->horizontalHeaderItem(1)->text(), u"ng/µL"_s);
        QCOMPARE(grid->horizontalHeaderItem(2)->text(), u"A260/280"_s);
        QCOMPARE(grid->item(0, 1)->text(), u"312.4"_s);
        QCOMPARE(grid->item(2, 2)->text(), u"1.84"_s);
        const QJsonObject cellLink =
            entry
                .value(
                    u"days"_s)[0][u"notes"_s][4][u"table"_s][u"rows"_s][0][u"cells"_s][0][u"link"_s]
                .toObject();
        QCOMPARE(cellLink.value(u"type"_s).toString(), u"container"_s);
        QVERIFY(grid->item(0, 0)->font().underline());
        // A click on a linked cell of a read-only table asks the app to open the tube.
        table->setEditable(false);
        QSignalSpy open(&editor, &EntryEditor::openResourceRequested);
        const QRect cell = grid->visualItemRect(grid->item(0, 0));
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(open.size(), 1);
        QCOMPARE(open[0][0].toString(), u"container"_s);
        QCOMPARE(open[0][1].toString(), cellLink.value(u"id"_s).toString());
        // The bullet links three tubes and a box; a click on a link label's anchor opens it.
        auto *bullet = qobject_cast<TextBlock *>(blocks[5]);
        QCOMPARE(bullet->marker()->text(), u"•"_s);
        QCOMPARE(bullet->links().size(), 4);
        QCOMPARE(bullet->links()[3][u"type"_s].toString(), u"box"_s);
        Q_EMIT bullet->linksLabel()->linkActivated(u"benchtop:box/"_s +
                                                   bullet->links()[3][u"id"_s].toString());
        QCOMPARE(open.size(), 2);
        QCOMPARE(open[1][0].toString(), u"box"_s);
        // What is shown is what was read.
        QCOMPARE(editor.bodyJson(), entry.value(u"days"_s).toArray());
        QVERIFY(!editor.session()->isDirty());
    }

    void cloningEntryCodeAndEntryLink()
    {
        const QString id = test::entryIdByName(*m_api, u"Cloning GFP into pUC19"_s);
        const QJsonObject entry = test::entryById(*m_api, id);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts.path());
        QVERIFY(test::waitLoaded(&editor));
        const QList<NoteBlock *> blocks = allBlocks(&editor);
        QCOMPARE(blocks.size(), 6);
        auto *code = qobject_cast<CodeBlock *>(blocks[5]);
        QVERIFY(code);
        QCOMPARE(code->editor()->text(), u"EcoRI: G^AATTC\nBamHI: G^GATCC"_s);
        QVERIFY(code->editor()->lexer() != nullptr); // highlighted
        QCOMPARE(code->editor()->lines(), 2);
        QVERIFY(!qobject_cast<TextBlock *>(blocks[3])->checkBox()->isChecked()); // ligate: not yet
        QCOMPARE(blocks[4]->links()[0][u"type"_s].toString(), u"entry"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            blocks[4]->linksLabel()->text().contains(u"Miniprep of pUC19 clones"_s), 10'000);
        QCOMPARE(editor.bodyJson(), entry.value(u"days"_s).toArray());
    }

    void meetingNotesNumberedAndHyperlinks()
    {
        const QString id = test::entryIdByName(*m_api, u"Lab meeting notes"_s);
        const QJsonObject entry = test::entryById(*m_api, id);
        EntryEditor editor(m_client.get(), id, nullptr, m_drafts.path());
        QVERIFY(test::waitLoaded(&editor));
        const QList<NoteBlock *> blocks = allBlocks(&editor);
        QCOMPARE(blocks.size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(qobject_cast<TextBlock *>(blocks[i])->marker()->text(), u"%1."_s.arg(i + 1));
        QVERIFY(blocks[1]->linksLabel()->text().contains(u"https://www.benchling.com"_s));
        QVERIFY(editor.days()[0]->titleEdit()->text().isEmpty());
        QCOMPARE(editor.bodyJson(), entry.value(u"days"_s).toArray());
    }

    void attachmentsAndStructuredTables()
    {
        // An external file note (a real blob) and the structured tables of Benchling features
        // this server lacks, as a tenant would send them.
        const QJsonObject fileNote{{u"type"_s, u"external_file"_s},
                                   {u"text"_s, u"gel.png"_s},
                                   {u"externalFileId"_s, u"blob-1"_s},
                                   {u"indentation"_s, 0},
                                   {u"links"_s, QJsonArray()}};
        std::unique_ptr<NoteBlock> file(NoteBlock::create(fileNote));
        QVERIFY(qobject_cast<FileBlock *>(file.get()));
        QCOMPARE(file->findChild<QLabel *>(u"fileName"_s)->text(), u"Attachment: <b>gel.png</b>"_s);
        QSignalSpy requested(file.get(), &NoteBlock::fileRequested);
        QTest::mouseClick(file->findChild<QWidget *>(u"save"_s), Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested[0][0].toString(), u"blob-1"_s);
        QCOMPARE(requested[0][2].toBool(), true);
        QCOMPARE(file->toJson(), fileNote);

        for (const QString &type :
             {u"results_table"_s, u"registration_table"_s, u"inventory_container_table"_s,
              u"inventory_plate_table"_s, u"lookup_table"_s, u"assay_run"_s}) {
            const QJsonObject note{
                {u"type"_s, type},
                {u"text"_s, u"Plate reader"_s},
                {u"apiId"_s, u"tbl_1"_s},
                {u"columns"_s, QJsonArray{QJsonObject{{u"displayName"_s, u"Well"_s}},
                                          QJsonObject{{u"displayName"_s, u"OD600"_s}}}},
                {u"links"_s, QJsonArray()}};
            std::unique_ptr<NoteBlock> block(NoteBlock::create(note));
            QVERIFY2(qobject_cast<ReadOnlyBlock *>(block.get()), qPrintable(type));
            QVERIFY(block->findChild<QLabel *>(u"title"_s)->text().contains(u"read-only"_s));
            auto *columns = block->findChild<QTableWidget *>();
            QVERIFY(columns);
            QCOMPARE(columns->horizontalHeaderItem(1)->text(), u"OD600"_s);
            QCOMPARE(columns->editTriggers(), QAbstractItemView::NoEditTriggers);
            block->setEditable(true);        // stays read-only
            QCOMPARE(block->toJson(), note); // kept unchanged
        }
    }

    void browserFiltersByFolderAndName()
    {
        models::ResourceStore store;
        NotebookView view(m_client.get(), &store);
        QAbstractItemModelTester tester(view.folders(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester entriesTester(
            view.entries(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(view.folders(), &models::FolderTreeModel::loaded);
        QVERIFY(loaded.wait(10'000));
        const QModelIndex project = view.folders()->index(0, 0);
        QCOMPARE(project.data().toString(), u"Demo lab"_s);
        const QModelIndex minipreps =
            view.folders()
                ->match(project, Qt::DisplayRole, u"Minipreps"_s, 1, Qt::MatchRecursive)
                .value(0);
        QVERIFY(minipreps.isValid());
        QCOMPARE(minipreps.parent().data().toString(), u"Notebook"_s);
        view.folderTree()->setCurrentIndex(minipreps);
        QTRY_COMPARE(view.entries()->loadState(), models::LoadState::Loaded);
        if (view.entries()->canFetchMore({}))
            view.entries()->fetchMore({});
        QTRY_COMPARE(view.entries()->rowCount(), 1);
        QCOMPARE(view.entries()->index(0, 0).data().toString(), u"Miniprep of pUC19 clones"_s);
        // The project: all three entries; a name search narrows them.
        view.folderTree()->setCurrentIndex(project);
        QTRY_COMPARE(view.entries()->rowCount(), 3);
        view.searchEdit()->setText(u"gfp"_s);
        QTRY_COMPARE(view.entries()->rowCount(), 1);
        QCOMPARE(view.entries()->index(0, 0).data().toString(), u"Cloning GFP into pUC19"_s);
        // Opening it from the list puts it in the editor.
        view.entryTable()->selectRow(0);
        QVERIFY(view.editor());
        QVERIFY(test::waitLoaded(view.editor()));
        QCOMPARE(view.editor()->nameEdit()->text(), u"Cloning GFP into pUC19"_s);
        // Review status: no demo entry is accepted.
        view.searchEdit()->clear();
        view.reviewFilter()->setCurrentIndex(view.reviewFilter()->findData(u"ACCEPTED"_s));
        QTRY_COMPARE(view.entries()->loadState(), models::LoadState::Loaded);
        QTRY_COMPARE(view.entries()->rowCount(), 0);
    }

    void mainWindowNotebookPage()
    {
        app::SessionOptions options;
        options.server = m_lab.baseUrl();
        options.apiKey = m_lab.apiKey();
        QString error;
        std::unique_ptr<app::Session> session = app::Session::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        app::MainWindow window(session.get());
        window.showPage(app::MainWindow::NotebookPage);
        QVERIFY(window.notebookView());
        QCOMPARE(window.currentPage(), app::MainWindow::NotebookPage);
        // A link click from the notebook shows the page holding the resource.
        Q_EMIT window.notebookView()->openResourceRequested(u"container"_s, u"con_x"_s);
        QCOMPARE(window.currentPage(), app::MainWindow::InventoryPage);
        Q_EMIT window.notebookView()->openResourceRequested(u"dna_sequence"_s, u"seq_x"_s);
        QCOMPARE(window.currentPage(), app::MainWindow::SequencesPage);
    }

private:
    test::TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    std::unique_ptr<models::ApiClient> m_client;
    QTemporaryDir m_drafts;
};

QTEST_MAIN(TestUiNotebookRender)
#include "tst_ui_notebook_render.moc"
