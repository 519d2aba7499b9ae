// Sequence files dropped anywhere on the main window (issue #7: "drop a file on the window"):
// the Sequences page comes forward and imports them into the server, whichever page was shown;
// other files are not taken, and a malformed file says why and imports nothing.
#include "ApiTestClient.h"
#include "AppWindow.h"
#include "TestLabServer.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "widgets/sequence/SequencesPage.h"

#include <QApplication>
#include <QDropEvent>
#include <QJsonArray>
#include <QMimeData>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop;

class TestUiWindowDrop : public QObject
{
    Q_OBJECT

    test::TestLabServer m_lab;
    test::AppWindow m_app;

    int sequencesNamed(const QString &name)
    {
        test::ApiTestClient api(m_lab.baseUrl(), m_lab.apiKey());
        const test::ApiResponse list = api.get(u"/dna-sequences?pageSize=100&name="_s + name);
        return list.status == 200 ? int(list.json.value(u"dnaSequences"_s).toArray().size()) : -1;
    }

    // Sends a drag-enter and, if the window takes it, the drop; returns whether it took it.
    bool drop(const QList<QUrl> &urls)
    {
        QMimeData mime;
        mime.setUrls(urls);
        QDragEnterEvent enter(QPoint(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(m_app.window.get(), &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent dropped(QPointF(300, 300), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(m_app.window.get(), &dropped);
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        const QString error = m_app.open(m_lab.baseUrl(), m_lab.apiKey());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_app.window.get()));
    }

    void cleanupTestCase() { m_app.close(); }

    void sequenceFileDroppedOnAnyPageIsImported()
    {
        m_app.window->showPage(app::MainWindow::NotebookPage);
        const int before = sequencesNamed(u"pBAD30"_s);
        QVERIFY(before >= 0);
        QSignalSpy opened(m_app.window->sequencesPage(), &widgets::SequencesPage::sequenceOpened);
        QVERIFY(
            drop({QUrl::fromLocalFile(QStringLiteral(BENCHTOP_TEST_DATA "/plasmids/pBAD30.gb"))}));
        QCOMPARE(m_app.window->currentPage(), app::MainWindow::SequencesPage);
        QVERIFY(opened.wait(20'000));
        QCOMPARE(sequencesNamed(u"pBAD30"_s), before + 1);
    }

    void otherFilesAreNotTaken()
    {
        m_app.window->showPage(app::MainWindow::InventoryPage);
        QVERIFY(!drop({QUrl::fromLocalFile(u"/tmp/picture.png"_s)}));
        QVERIFY(!drop({QUrl(u"https://example.org/pUC19.gb"_s)}));
        QCOMPARE(m_app.window->currentPage(), app::MainWindow::InventoryPage);
    }

    void malformedFileSaysWhyAndImportsNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"broken.gb"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("LOCUS       broken   10 bp    DNA\nORIGIN\n        1 acgtzzzzqq\n");
        file.close();
        m_app.window->showPage(app::MainWindow::InventoryPage);
        const int before = sequencesNamed(u"broken"_s);
        QCOMPARE(before, 0);
        m_app.window->statusBar()->clearMessage();
        QVERIFY(drop({QUrl::fromLocalFile(path)}));
        const QString said = m_app.window->statusBar()->currentMessage();
        QVERIFY2(said.startsWith(u"broken.gb: line "_s), qPrintable(said)); // names file and line
        QTest::qWait(200); // nothing may arrive late either
        QCOMPARE(sequencesNamed(u"broken"_s), before);
    }
};

QTEST_MAIN(TestUiWindowDrop)
#include "tst_ui_window_drop.moc"
