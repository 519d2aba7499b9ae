// The entry header's folder picker and authors editor against the real lab server: a new folder
// and a changed author list reach the server (PATCH /entries/{id}, authorIds as the spec's
// comma-separated string) and the header shows the server's answer; a refused change (a folder
// the server does not know) shows the server's message and leaves the entry as it was.
#include "NotebookUiSupport.h"
#include "models/notebook/NotebookJobs.h"
#include "models/notebook/UserDirectory.h"
#include "server/Users.h"
#include "widgets/notebook/EntryDetails.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace benchtop;
using namespace benchtop::widgets::notebook;
using benchtop::test::ApiTestClient;

namespace {
QStringList authorIdsOf(const QJsonObject &entry)
{
    QStringList ids;
    for (const QJsonValue &author : entry.value(u"authors"_s).toArray())
        ids.append(author.toObject().value(u"id"_s).toString());
    return ids;
}
} // namespace

class TestUiNotebookHeader : public QObject
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
        // A second lab member, so an entry can have two authors.
        QString error;
        QVERIFY2(server::createUser(m_lab.database(), u"ada"_s, u"Ada Lovelace"_s, &error),
                 qPrintable(error));
    }

    void changeFolderAndAuthors()
    {
        const QString id = test::entryIdByName(*m_api, u"Lab meeting notes"_s);
        QVERIFY(!id.isEmpty());
        const QJsonObject before = test::entryById(*m_api, id);
        const QString oldFolder = before.value(u"folderId"_s).toString();
        const QStringList oldAuthors = authorIdsOf(before);
        QVERIFY(!oldFolder.isEmpty());
        QVERIFY(!oldAuthors.isEmpty());

        models::FolderTreeModel folders(m_client.get());
        QAbstractItemModelTester tester(&folders);
        QSignalSpy foldersLoaded(&folders, &models::FolderTreeModel::loaded);
        folders.reload();
        QVERIFY(foldersLoaded.wait(10'000));

        EntryEditor editor(m_client.get(), id, nullptr, m_drafts.path());
        editor.setContext(nullptr, &folders);
        editor.resize(900, 700);
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        EntryDetails *details = editor.details();
        QComboBox *combo = details->folderCombo();
        QCOMPARE(combo->currentData().toString(), oldFolder);
        QCOMPARE(details->authorIds(), oldAuthors);

        // Another folder, picked from the combo (projects are headings, not choices).
        int target = -1;
        for (int i = 0; i < combo->count(); ++i) {
            const QString folder = combo->itemData(i).toString();
            if (!folder.isEmpty() && folder != oldFolder) {
                target = i;
                break;
            }
        }
        QVERIFY2(target >= 0, "the demo notebook needs a second folder");
        const QString newFolder = combo->itemData(target).toString();
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i).toString().isEmpty()) {
                auto *model = qobject_cast<QStandardItemModel *>(combo->model());
                QVERIFY(!(model->item(i)->flags() & Qt::ItemIsEnabled));
            }
        QSignalSpy patched(editor.session(), &models::EntrySession::patched);
        combo->setCurrentIndex(target);
        Q_EMIT combo->activated(target);
        QVERIFY(patched.wait(10'000));
        QCOMPARE(test::entryById(*m_api, id).value(u"folderId"_s).toString(), newFolder);
        QCOMPARE(combo->currentData().toString(), newFolder);

        // Add Ada through the searchable chooser (the users from GET /users).
        const QString removed = oldAuthors.first();
        const int userCount =
            int(m_api->get(u"/users?pageSize=100"_s).json.value(u"users"_s).toArray().size());
        QTest::mouseClick(details->addAuthorButton(), Qt::LeftButton);
        QDialog *chooser = details->authorChooser();
        QVERIFY(chooser);
        auto *list = chooser->findChild<QListView *>(u"authorList"_s);
        QTRY_VERIFY_WITH_TIMEOUT(list->model()->rowCount() == userCount, 10'000);
        auto *search = chooser->findChild<QLineEdit *>(u"authorSearch"_s);
        QTest::keyClicks(search, u"lovel"_s);
        QTRY_COMPARE(list->model()->rowCount(), 1);
        const QString ada = list->model()->index(0, 0).data(models::IdRole).toString();
        list->setCurrentIndex(list->model()->index(0, 0));
        patched.clear();
        chooser->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(patched.wait(10'000));
        QStringList expected = oldAuthors;
        expected.append(ada);
        QCOMPARE(authorIdsOf(test::entryById(*m_api, id)), expected);
        QCOMPARE(details->authorIds(), expected);
        QVERIFY(details->authorChip(ada));

        // Remove the original author with its chip.
        QToolButton *chip = details->authorChip(removed);
        QVERIFY(chip);
        patched.clear();
        QTest::mouseClick(chip, Qt::LeftButton);
        QVERIFY(patched.wait(10'000));
        expected.removeAll(removed);
        QCOMPARE(authorIdsOf(test::entryById(*m_api, id)), expected);
        QCOMPARE(details->authorIds(), expected);
        QVERIFY(!details->authorChip(removed));
    }

    void refusedFolderChangesNothing()
    {
        const QString id = test::entryIdByName(*m_api, u"Miniprep of pUC19 clones"_s);
        QVERIFY(!id.isEmpty());
        const QJsonObject before = test::entryById(*m_api, id);

        EntryEditor editor(m_client.get(), id, nullptr, m_drafts.path());
        editor.show();
        QVERIFY(test::waitLoaded(&editor));
        QComboBox *combo = editor.details()->folderCombo();
        // A folder the server does not know (gone since the list was read).
        combo->addItem(u"Ghost folder"_s, u"lib_doesNotExist"_s);
        QSignalSpy refused(editor.session(), &models::EntrySession::patchFailed);
        QSignalSpy patched(editor.session(), &models::EntrySession::patched);
        combo->setCurrentIndex(combo->count() - 1);
        Q_EMIT combo->activated(combo->count() - 1);
        QVERIFY(refused.wait(10'000));
        QCOMPARE(patched.count(), 0);
        QVERIFY2(editor.statusLabel()->text().contains(u"No folder has the id lib_doesNotExist"_s),
                 qPrintable(editor.statusLabel()->text()));
        // The picker shows the entry's folder again; the server has the entry as it was.
        QCOMPARE(combo->currentData().toString(), before.value(u"folderId"_s).toString());
        const QJsonObject after = test::entryById(*m_api, id);
        QCOMPARE(after.value(u"folderId"_s), before.value(u"folderId"_s));
        QCOMPARE(after.value(u"modifiedAt"_s), before.value(u"modifiedAt"_s));
        QCOMPARE(authorIdsOf(after), authorIdsOf(before));

        // Removing the only author(s) is refused too: an entry keeps at least one.
        EntryDetails *details = editor.details();
        const QStringList authors = details->authorIds();
        if (authors.size() == 1) {
            refused.clear();
            QTest::mouseClick(details->authorChip(authors.first()), Qt::LeftButton);
            QVERIFY(refused.wait(10'000));
            QVERIFY(editor.statusLabel()->text().contains(u"at least one user"_s));
            QCOMPARE(details->authorIds(), authors);
            QCOMPARE(authorIdsOf(test::entryById(*m_api, id)), authors);
        }
    }

private:
    test::TestLabServer m_lab;
    std::unique_ptr<ApiTestClient> m_api;
    std::unique_ptr<models::ApiClient> m_client;
    QTemporaryDir m_drafts;
};

QTEST_MAIN(TestUiNotebookHeader)
#include "tst_ui_notebook_header.moc"
