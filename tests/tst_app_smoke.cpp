// The app end to end: the main window on the embedded lab server shows the seeded locations,
// and the real `benchtop --screenshot` executable writes a picture and exits 0 (or explains why
// not and exits non-zero).
#include "TestLabServer.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "models/LocationTreeModel.h"
#include "models/api/ApiClient.h"
#include "models/api/ApiReply.h"
#include "widgets/InventoryView.h"
#include "widgets/sequence/SequencesPage.h"

#include <QApplication>
#include <QImage>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace benchtop;

class TestAppSmoke : public QObject
{
    Q_OBJECT

    static QStringList visibleNames(QTreeView *tree)
    {
        QStringList names;
        for (QModelIndex index = tree->model()->index(0, 0); index.isValid();
             index = tree->indexBelow(index))
            names.append(index.data().toString());
        return names;
    }

private Q_SLOTS:
    void windowShowsSeededLocations()
    {
        QTemporaryDir data;
        QString error;
        auto session = app::Session::open({QUrl(), QString(), data.path()}, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY(session->isEmbedded());

        app::MainWindow window(session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTreeView *tree = window.inventoryView()->tree();
        // The view asks for the top level by itself once shown.
        QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(), 3, 10'000);
        QVERIFY(visibleNames(tree).contains(u"Freezer F1 (−80 °C)"_s));

        // Expanding a freezer by clicking its arrow lists its shelves.
        const QModelIndex f1 = window.locationModel()->index(1, 0);
        QCOMPARE(f1.data().toString(), u"Freezer F1 (−80 °C)"_s);
        const QRect rect = tree->visualRect(f1);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
        QTRY_COMPARE_WITH_TIMEOUT(tree->model()->rowCount(f1), 5, 10'000);
        QVERIFY(tree->isExpanded(f1));
        QVERIFY(visibleNames(tree).contains(u"Shelf 3"_s));
        QVERIFY(window.inventoryView()->statusText().isEmpty());

        // A shelf below opens from what the freezer's listing already showed.
        const QModelIndex shelf2 = window.locationModel()->index(1, 0, f1);
        tree->expand(shelf2);
        QTRY_VERIFY_WITH_TIMEOUT(visibleNames(tree).contains(u"Rack 2-B"_s), 5'000);

        // The side bar switches pages; the other two say they are coming.
        auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
        QVERIFY(navigation);
        QCOMPARE(navigation->count(), 3);
        QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {},
                          navigation->visualItemRect(navigation->item(1)).center());
        QCOMPARE(window.currentPage(), app::MainWindow::SequencesPage);
    }

    void oneRetryRetriesEveryPlaceThatFailed()
    {
        // So many top-level rooms that the top level stays incomplete (the view fetches a page
        // or two ahead, not ten), so each freezer needs a listing of its own.
        test::TestLabServer lab;
        QVERIFY(lab.start());
        QVERIFY(lab.database().transaction([&] {
            for (int i = 0; i < 1000; ++i)
                lab.database().exec(
                    u"INSERT INTO resources (kind, id, name, created_at, modified_at) "
                    "VALUES ('location', ?, ?, '2026', '2026')"_s,
                    {u"loc_room%1"_s.arg(i, 4, 10, QChar(u'0')), u"Room %1"_s.arg(i)});
            return true;
        }));
        QTemporaryDir data;
        QString error;
        auto session = app::Session::open({lab.baseUrl(), lab.apiKey(), data.path()}, &error);
        QVERIFY2(session, qPrintable(error));
        app::MainWindow window(session.get());
        window.show();
        QTreeView *tree = window.inventoryView()->tree();
        models::LocationTreeModel *model = window.locationModel();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 3, 10'000);
        const QPersistentModelIndex f1 =
            model->indexForId(model->index(1, 0).data(models::IdRole).toString());
        const QPersistentModelIndex f2 = model->index(2, 0);
        QCOMPARE(f1.data().toString(), u"Freezer F1 (−80 °C)"_s);
        QCOMPARE(f2.data().toString(), u"Freezer F2 (−20 °C)"_s);

        lab.stop(); // the server goes away; both freezers fail to open
        tree->expand(f1);
        tree->expand(f2);
        QTRY_COMPARE_WITH_TIMEOUT(model->loadState(f1), models::LoadState::Failed, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(model->loadState(f2), models::LoadState::Failed, 10'000);
        QVERIFY(window.inventoryView()->statusText().contains(u"more place"_s));

        QVERIFY(lab.start()); // back, on the same port
        QTest::mouseClick(window.inventoryView()->retryButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(f1), 5, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(f2), 3, 10'000);
        QTRY_VERIFY(window.inventoryView()->statusText().isEmpty());
    }

    void germanTranslationIsEmbedded()
    {
        QTranslator german;
        QVERIFY(german.load(u":/i18n/benchtop_de.qm"_s));
        QApplication::installTranslator(&german);
        QTemporaryDir data;
        QString error;
        auto session = app::Session::open({QUrl(), QString(), data.path()}, &error);
        QVERIFY2(session, qPrintable(error));
        app::MainWindow window(session.get());
        auto *navigation = window.findChild<QListWidget *>(u"navigation"_s);
        QApplication::removeTranslator(&german);
        QCOMPARE(navigation->item(0)->text(), u"Inventar"_s);
        QCOMPARE(navigation->item(2)->text(), u"Laborbuch"_s);
    }

    void serverAddressesDefaultToHttps()
    {
        QCOMPARE(app::Session::serverUrl(u"acme.benchling.com"_s),
                 QUrl(u"https://acme.benchling.com"_s));
        QCOMPARE(app::Session::serverUrl(u" localhost:8470 "_s), QUrl(u"http://localhost:8470"_s));
        QCOMPARE(app::Session::serverUrl(u"127.0.0.1:8470"_s), QUrl(u"http://127.0.0.1:8470"_s));
        QCOMPARE(app::Session::serverUrl(u"http://lab:8470"_s), QUrl(u"http://lab:8470"_s));
        QVERIFY(app::Session::serverUrl(QString()).isEmpty());
    }

    // "Open sequence" in the inventory's inspector opens the tube's sequence in the editor.
    void inventoryOpensATubesSequence()
    {
        QTemporaryDir data;
        QString error;
        auto session = app::Session::open({QUrl(), QString(), data.path()}, &error);
        QVERIFY2(session, qPrintable(error));
        app::MainWindow window(session.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        models::ApiReply *list =
            session->client()->get(u"/dna-sequences"_s, QUrlQuery(u"pageSize=1"_s));
        QSignalSpy listed(list, &models::ApiReply::finished);
        QVERIFY(listed.wait(10'000));
        const QString id = list->json()[u"dnaSequences"_s][0][u"id"_s].toString();
        QVERIFY(!id.isEmpty());
        QSignalSpy opened(window.sequencesPage(), &widgets::SequencesPage::sequenceOpened);
        Q_EMIT window.inventoryView()->openSequenceRequested(id);
        QVERIFY(opened.wait(10'000));
        QCOMPARE(opened.first().first().toString(), id);
        QCOMPARE(window.currentPage(), app::MainWindow::SequencesPage);
        QCOMPARE(window.sequencesPage()->currentId(), id);
    }

    void screenshotCommandWritesThePicture()
    {
        QTemporaryDir data;
        const QString shot = data.filePath(u"shot.png"_s);
        QProcess app;
        app.setProcessChannelMode(QProcess::SeparateChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(BENCHTOP_EXE),
                  {u"--data-dir"_s, data.filePath(u"data"_s), u"--screenshot"_s, shot});
        QVERIFY(app.waitForFinished(60'000));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
        QVERIFY(app.readAllStandardOutput().contains(shot.toUtf8()));
        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 800 && image.height() >= 500);
        // The data landed where the README says: a SQLite file under the data folder.
        QVERIFY(QFile::exists(data.filePath(u"data/lab-server/lab.sqlite"_s)));
    }

    // Every view the screenshot mode opens loads in the real executable: the whole wiring of
    // session, store, client and views, not only each part in its own test.
    void screenshotViewsLoad_data()
    {
        QTest::addColumn<QString>("view");
        QTest::newRow("two boxes") << u"inventory-boxes"_s;
        QTest::newRow("plate") << u"plate"_s;
        QTest::newRow("sequence") << u"sequence:pUC19 snapgene"_s;
        QTest::newRow("notebook") << u"notebook"_s;
    }

    void screenshotViewsLoad()
    {
        QFETCH(QString, view);
        QTemporaryDir data;
        const QString shot = data.filePath(u"shot.png"_s);
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"HOME"_s, data.path());
        env.insert(u"XDG_CONFIG_HOME"_s, data.filePath(u"config"_s));
        env.insert(u"XDG_CACHE_HOME"_s, data.filePath(u"cache"_s));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(BENCHTOP_EXE),
                  {u"--data-dir"_s, data.filePath(u"data"_s), u"--screenshot"_s, shot,
                   u"--screenshot-view"_s, view});
        QVERIFY(app.waitForFinished(90'000));
        QVERIFY2(app.exitCode() == 0, app.readAllStandardError().right(2000).constData());
        const QImage image(shot);
        QVERIFY(!image.isNull());
    }

    void screenshotFailsClearlyWithoutAServer()
    {
        QTemporaryDir data;
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"BENCHTOP_API_KEY"_s, u"sk_test"_s);
        app.setProcessEnvironment(env);
        // Port 9 (discard) on loopback: nothing listens there.
        app.start(QStringLiteral(BENCHTOP_EXE), {u"--server"_s, u"http://127.0.0.1:9"_s,
                                                 u"--screenshot"_s, data.filePath(u"x.png"_s)});
        QVERIFY(app.waitForFinished(60'000));
        QCOMPARE(app.exitCode(), 1);
        QVERIFY(app.readAllStandardError().contains("Cannot reach"));
        QVERIFY(!QFile::exists(data.filePath(u"x.png"_s)));
    }
};

QTEST_MAIN(TestAppSmoke)
#include "tst_app_smoke.moc"
