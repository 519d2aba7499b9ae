// Long work in the status bar (issue #4): a bulk task started through the app's client and a list
// model paging through ~1,000 containers register with the main window's ActivityIndicator by
// themselves (ApiClient's long-work registry); the indicator shows their progress, and Cancel
// stops the paging (no request after it) while the model keeps the rows it has.
#include "ApiTestClient.h"
#include "AppWindow.h"
#include "FaultProxy.h"
#include "TestLabServer.h"
#include "app/ActivityIndicator.h"
#include "app/MainWindow.h"
#include "app/Session.h"
#include "models/ResourceListModel.h"
#include "models/api/ApiClient.h"
#include "models/api/TaskPoller.h"
#include "models/store/ResourceStore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonArray>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace benchtop;

namespace {

constexpr int kBulkContainers = 1000;
constexpr int kPageSize = 25;

} // namespace

class TestUiActivity : public QObject
{
    Q_OBJECT

    test::TestLabServer m_lab;
    std::unique_ptr<test::FaultProxy> m_proxy;
    test::AppWindow m_app;

    int listRequests() const { return m_proxy->count("GET", u"/api/v2/containers?"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        m_proxy = std::make_unique<test::FaultProxy>(m_lab.baseUrl());
        QVERIFY(m_proxy->listen());
        const QString error = m_app.open(m_proxy->url(), m_lab.apiKey());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_app.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_app.window.get()));
        QCOMPARE(m_app.window->activity()->count(), 0);
        QVERIFY(!m_app.window->activity()->isVisible());
    }

    void cleanupTestCase() { m_app.close(); }

    // A bulk task started through the app's client: the indicator shows it while it is polled
    // and lets go when it ends.
    void bulkTaskShowsInStatusBar()
    {
        test::ApiTestClient direct(m_lab.baseUrl(), m_lab.apiKey());
        const test::ApiResponse schemas = direct.get(u"/container-schemas?pageSize=1"_s);
        QCOMPARE(schemas.status, 200);
        const QString schemaId =
            schemas.json[u"containerSchemas"_s].toArray().first()[u"id"_s].toString();
        QVERIFY(!schemaId.isEmpty());
        QJsonArray tubes;
        for (int i = 0; i < kBulkContainers; ++i)
            tubes.append(QJsonObject{{u"name"_s, u"Bulk tube %1"_s.arg(i, 4, 10, QChar(u'0'))},
                                     {u"schemaId"_s, schemaId}});

        models::ApiClient *client = m_app.session->client();
        models::ApiReply *accepted =
            client->post(u"/containers:bulk-create"_s, {{u"containers"_s, tubes}});
        QSignalSpy acceptedSpy(accepted, &models::ApiReply::finished);
        QVERIFY(acceptedSpy.wait(30'000));
        QVERIFY2(accepted->ok(), qPrintable(accepted->error().displayMessage()));
        const QString taskId = accepted->json()[u"taskId"_s].toString();
        QVERIFY(!taskId.isEmpty());

        models::TaskReply *task = client->waitForTask(taskId);
        // Registered at once, before the first poll.
        QCOMPARE(m_app.window->activity()->count(), 1);
        QVERIFY(m_app.window->activity()->isVisible());
        QVERIFY2(m_app.window->activity()->text().startsWith(u"Waiting for a background task"_s),
                 qPrintable(m_app.window->activity()->text()));
        QSignalSpy done(task, &models::ApiReply::finished);
        QVERIFY(done.wait(60'000));
        QVERIFY2(task->ok(), qPrintable(task->error().displayMessage()));
        QCOMPARE(task->json()[u"response"_s][u"containers"_s].toArray().size(), kBulkContainers);
        QCOMPARE(m_app.window->activity()->count(), 0);
        QVERIFY(!m_app.window->activity()->isVisible());
        task->deleteLater();
        accepted->deleteLater();
    }

    // Paging through the containers page after page (as a view scrolled to the end keeps asking
    // for more): the indicator counts the rows; Cancel stops the paging for good.
    void pagingShowsProgressAndCancelStopsIt()
    {
        const int before = listRequests();
        models::ContainerListModel model(m_app.session->client(), m_app.session->store());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(kPageSize);
        // The "view": whenever a page lands and more are there, ask for the next one.
        connect(&model, &models::ResourceListModel::pageLoaded, &model, [&model](bool complete) {
            if (!complete && model.canFetchMore({}))
                model.fetchMore({});
        });
        // (The model tester may have asked for the first page already.)
        model.fetchMore({});

        app::ActivityIndicator *activity = m_app.window->activity();
        // The second page in a row registers the pager; the label counts the rows so far.
        QTRY_COMPARE_WITH_TIMEOUT(activity->count(), 1, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() >= 6 * kPageSize, 30'000);
        const QString progress = activity->text();
        QVERIFY2(progress.startsWith(u"Loading containers: "_s) && progress.endsWith(u" rows"_s),
                 qPrintable(progress));
        const int shown = progress.section(u' ', 2, 2).toInt();
        QVERIFY2(shown >= kPageSize && shown % kPageSize == 0, qPrintable(progress));
        QVERIFY(activity->findChild<QProgressBar *>()->isVisible());
        QVERIFY(activity->cancelButton()->isVisible());

        QTest::mouseClick(activity->cancelButton(), Qt::LeftButton);
        const int rowsAtCancel = model.rowCount();
        QCOMPARE(activity->count(), 0);
        QVERIFY(!activity->isVisible());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.loadState(), models::LoadState::Loaded);
        // Nothing more comes: no page lands, no request goes out (a page's worth of waiting).
        // The page in flight at the click was aborted; it may still have reached the proxy.
        QSignalSpy pages(&model, &models::ResourceListModel::pageLoaded);
        QVERIFY(!pages.wait(1'500));
        const int afterCancel = listRequests();
        const int pagesLanded = rowsAtCancel / kPageSize;
        QVERIFY2(
            afterCancel - before >= pagesLanded && afterCancel - before <= pagesLanded + 1,
            qPrintable(u"%1 requests for %2 pages"_s.arg(afterCancel - before).arg(pagesLanded)));
        QVERIFY(!pages.wait(1'000));
        QCOMPARE(listRequests(), afterCancel);
        QCOMPARE(model.rowCount(), rowsAtCancel);
        // The rows fetched before Cancel stay, whole pages of them, fewer than the list holds.
        QVERIFY(rowsAtCancel >= 6 * kPageSize);
        QCOMPARE(rowsAtCancel % kPageSize, 0);
        QVERIFY2(rowsAtCancel < kBulkContainers, qPrintable(QString::number(rowsAtCancel)));
        for (int row = 0; row < rowsAtCancel; ++row)
            QVERIFY(!model.data(model.index(row, 0)).toString().isEmpty());
        qInfo("cancelled after %d rows, %d list requests", rowsAtCancel, afterCancel - before);
    }

    // Paging that completes ends the work by itself; a page now and then (a user scrolling
    // slowly) is not long work.
    void completedPagingEndsTheWork()
    {
        models::ContainerListModel model(m_app.session->client(), m_app.session->store());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(100);
        QSignalSpy pages(&model, &models::ResourceListModel::pageLoaded);
        model.fetchMore({});
        QVERIFY(pages.wait(20'000));
        QCOMPARE(m_app.window->activity()->count(), 0); // one page: not long work
        connect(&model, &models::ResourceListModel::pageLoaded, &model, [&model](bool complete) {
            if (!complete && model.canFetchMore({}))
                model.fetchMore({});
        });
        QSignalSpy started(m_app.session->client(), &models::ApiClient::longWorkStarted);
        QSignalSpy ended(m_app.session->client(), &models::ApiClient::longWorkEnded);
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.loadState(), models::LoadState::Loaded, 60'000);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(1).toString(), u"Loading containers"_s);
        QCOMPARE(ended.size(), 1);
        QVERIFY(model.rowCount() >= kBulkContainers);
        QCOMPARE(model.loadState(), models::LoadState::Loaded);
        QCOMPARE(m_app.window->activity()->count(), 0);
    }
};

QTEST_MAIN(TestUiActivity)
#include "tst_ui_activity.moc"
