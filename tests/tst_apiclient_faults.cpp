// The API client against the real lab server through a fault-injecting proxy (DESIGN §6):
// 429 storms, 503s, connections cut mid-answer, stalls, unreadable bodies, a vanished server.
// Each must end in the right typed error or a successful retry, and no write may be lost or
// applied twice: rows in the server's database are counted after every write scenario.
#include "FaultProxy.h"
#include "TestLabServer.h"
#include "models/api/ApiClient.h"
#include "models/api/RateLimiter.h"
#include "models/api/TaskPoller.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace benchtop::models;
using benchtop::test::FaultProxy;
using benchtop::test::TestLabServer;
using Fault = FaultProxy::Fault;

namespace {

const BulkCollection kLocations{u"/locations"_s, u"locationIds"_s, u"locations"_s};

FaultProxy::Rule rule(Fault fault, const QByteArray &method, const QString &path, int times = 1)
{
    FaultProxy::Rule r;
    r.fault = fault;
    r.method = method;
    r.pathPart = path;
    r.times = times;
    return r;
}

} // namespace

class TestApiClientFaults : public QObject
{
    Q_OBJECT

    TestLabServer m_lab;
    QString m_schemaId;
    QStringList m_locationIds;
    int m_created = 0;

    // A client through `proxy` with delays small enough for tests: a few ms of backoff, a
    // short per-attempt timeout, and no client-side rate limit unless a test sets one.
    std::unique_ptr<ApiClient> clientFor(const FaultProxy &proxy, int timeoutMs = 2'000)
    {
        auto client =
            std::make_unique<ApiClient>(Connection{proxy.url(), m_lab.apiKey(), timeoutMs});
        RetryPolicy policy;
        policy.maxAttempts = 4;
        policy.baseDelayMs = 5;
        policy.maxDelayMs = 40;
        policy.maxRetryAfterMs = 5'000;
        policy.taskPollInitialMs = 5;
        policy.taskPollMaxMs = 20;
        client->setRetryPolicy(policy);
        client->rateLimiter()->setRate(0, 1);
        return client;
    }

    static bool waitFor(ApiReply *reply, int timeoutMs = 15'000)
    {
        QSignalSpy finished(reply, &ApiReply::finished);
        return finished.wait(timeoutMs) && finished.count() == 1;
    }

    int rowsNamed(const QString &name)
    {
        QSqlQuery query = m_lab.database().exec(
            u"SELECT COUNT(*) FROM resources WHERE kind = 'location' AND name = ?"_s, {name});
        return query.next() ? query.value(0).toInt() : -1;
    }

    QJsonObject newLocation(const QString &name) const
    {
        return {{u"name"_s, name}, {u"schemaId"_s, m_schemaId}};
    }

    // A name no other scenario uses, so each counts only its own rows.
    QString uniqueName() { return u"fault-test location %1"_s.arg(++m_created); }

    std::unique_ptr<FaultProxy> proxy()
    {
        auto proxy = std::make_unique<FaultProxy>(m_lab.baseUrl());
        if (!proxy->listen())
            qFatal("the fault proxy cannot listen");
        return proxy;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_lab.start());
        auto direct = std::make_unique<ApiClient>(Connection{m_lab.baseUrl(), m_lab.apiKey()});
        ApiReply *list = direct->get(u"/locations"_s, QUrlQuery(u"pageSize=5"_s));
        QVERIFY(waitFor(list));
        QVERIFY2(list->ok(), qPrintable(list->error().displayMessage()));
        for (const QJsonValue &location : list->json()[u"locations"_s].toArray()) {
            m_locationIds.append(location[u"id"_s].toString());
            if (m_schemaId.isEmpty())
                m_schemaId = location[u"schema"_s][u"id"_s].toString();
        }
        QCOMPARE(m_locationIds.size(), 5);
        QVERIFY(!m_schemaId.isEmpty());
    }

    void passesThroughOnKeepAlive()
    {
        auto faults = proxy();
        auto client = clientFor(*faults);
        for (const QString &id : std::as_const(m_locationIds)) {
            ApiReply *reply = client->get(u"/locations/"_s + id);
            QVERIFY(waitFor(reply));
            QVERIFY2(reply->ok(), qPrintable(reply->error().displayMessage()));
            QCOMPARE(reply->json()[u"id"_s].toString(), id);
        }
        QCOMPARE(faults->count("GET"), 5);
        QCOMPARE(faults->connectionsAccepted(), 1); // one connection, kept alive
    }

    void stormOf429IsRetriedAndPostLandsOnce()
    {
        auto faults = proxy();
        FaultProxy::Rule storm = rule(Fault::TooManyRequests, "POST", u"/locations"_s, 3);
        storm.retryAfter = "0";
        faults->addRule(storm);
        auto client = clientFor(*faults);
        const QString name = uniqueName();
        ApiReply *reply = client->post(u"/locations"_s, newLocation(name));
        QSignalSpy retrying(reply, &ApiReply::retrying);
        QVERIFY(waitFor(reply));
        QVERIFY2(reply->ok(), qPrintable(reply->error().displayMessage()));
        QCOMPARE(reply->json()[u"name"_s].toString(), name);
        QCOMPARE(retrying.count(), 3);
        QCOMPARE(reply->attempts(), 4);
        QCOMPARE(faults->count("POST"), 4);
        QCOMPARE(rowsNamed(name), 1);
    }

    void retryAfterIsHonoured()
    {
        auto faults = proxy();
        FaultProxy::Rule once = rule(Fault::TooManyRequests, "GET", u"/locations"_s, 1);
        once.retryAfter = "1";
        faults->addRule(once);
        auto client = clientFor(*faults);
        QElapsedTimer clock;
        clock.start();
        ApiReply *reply = client->get(u"/locations/"_s + m_locationIds.first());
        QSignalSpy retrying(reply, &ApiReply::retrying);
        QVERIFY(waitFor(reply));
        QVERIFY(reply->ok());
        QCOMPARE(retrying.count(), 1);
        QCOMPARE(retrying.at(0).at(1).toInt(), 1'000); // the server's delay, not our backoff
        QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
    }

    void endlessStormEndsAfterBoundedAttempts()
    {
        auto faults = proxy();
        FaultProxy::Rule storm = rule(Fault::TooManyRequests, {}, u"/locations"_s, 100);
        storm.retryAfter = "0";
        faults->addRule(storm);
        auto client = clientFor(*faults);
        const QString name = uniqueName();
        ApiReply *reply = client->post(u"/locations"_s, newLocation(name));
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().httpStatus, 429);
        QCOMPARE(reply->error().kind, ApiError::Kind::Api);
        QCOMPARE(reply->error().attempts, 4);
        QVERIFY(reply->error().displayMessage().contains(u"4 attempts"_s));
        QCOMPARE(faults->count("POST"), 4);
        QCOMPARE(rowsNamed(name), 0);
    }

    void tooLongRetryAfterFailsAtOnce()
    {
        auto faults = proxy();
        FaultProxy::Rule storm = rule(Fault::TooManyRequests, "GET", u"/locations"_s, 1);
        storm.retryAfter = "3600";
        faults->addRule(storm);
        auto client = clientFor(*faults);
        ApiReply *reply = client->get(u"/locations"_s);
        QVERIFY(waitFor(reply, 3'000)); // no hour-long wait
        QCOMPARE(reply->error().httpStatus, 429);
        QCOMPARE(faults->count("GET"), 1);
    }

    void unavailableIsRetriedForReadsAndCreates()
    {
        auto faults = proxy();
        faults->addRule(rule(Fault::Unavailable, {}, u"/locations"_s, 2));
        auto client = clientFor(*faults);
        ApiReply *read = client->get(u"/locations/"_s + m_locationIds.first());
        QVERIFY(waitFor(read));
        QVERIFY(read->ok());
        QCOMPARE(read->attempts(), 3);

        faults->addRule(rule(Fault::Unavailable, "POST", u"/locations"_s, 2));
        const QString name = uniqueName();
        ApiReply *create = client->post(u"/locations"_s, newLocation(name));
        QVERIFY(waitFor(create));
        QVERIFY2(create->ok(), qPrintable(create->error().displayMessage()));
        QCOMPARE(create->attempts(), 3);
        QCOMPARE(rowsNamed(name), 1);
    }

    void badGatewayIsRetriedForReadsButNotForCreates()
    {
        auto faults = proxy();
        faults->addRule(rule(Fault::BadGateway, {}, u"/locations"_s, 1));
        auto client = clientFor(*faults);
        ApiReply *read = client->get(u"/locations/"_s + m_locationIds.first());
        QVERIFY(waitFor(read));
        QVERIFY(read->ok());

        faults->addRule(rule(Fault::BadGateway, "POST", u"/locations"_s, 1));
        ApiReply *create = client->post(u"/locations"_s, newLocation(uniqueName()));
        QVERIFY(waitFor(create));
        QCOMPARE(create->error().kind, ApiError::Kind::OutcomeUnknown);
        QCOMPARE(create->error().httpStatus, 502);
        QCOMPARE(faults->count("POST"), 1);
    }

    // Cut after the server did the work: reads and PATCH (absolute values) are repeated, a
    // create is not, and says the outcome is unknown.
    void droppedConnections_data()
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("before the answer") << int(Fault::DropBeforeAnswer);
        QTest::newRow("after the headers") << int(Fault::DropAfterHeaders);
        QTest::newRow("mid-body") << int(Fault::DropMidBody);
    }
    void droppedConnections()
    {
        QFETCH(int, fault);
        auto faults = proxy();
        auto client = clientFor(*faults);

        faults->addRule(rule(Fault(fault), "GET", u"/locations/"_s, 1));
        ApiReply *read = client->get(u"/locations/"_s + m_locationIds.first());
        QVERIFY(waitFor(read));
        QVERIFY2(read->ok(), qPrintable(read->error().displayMessage()));
        QCOMPARE(read->json()[u"id"_s].toString(), m_locationIds.first());
        QCOMPARE(faults->count("GET"), 2);

        const QString name = uniqueName();
        faults->addRule(rule(Fault(fault), "POST", u"/locations"_s, 1));
        ApiReply *create = client->post(u"/locations"_s, newLocation(name));
        QVERIFY(waitFor(create));
        QCOMPARE(create->error().kind, ApiError::Kind::OutcomeUnknown);
        QVERIFY(create->error().displayMessage().contains(u"may or may not have saved"_s));
        QCOMPARE(faults->count("POST"), 1); // neither we nor Qt sent it again
        QCOMPARE(rowsNamed(name), 1);       // the server did save it, once

        const QString renamed = uniqueName();
        faults->addRule(rule(Fault(fault), "PATCH", u"/locations/"_s, 1));
        ApiReply *rename =
            client->patch(u"/locations/"_s + m_locationIds.last(), {{u"name"_s, renamed}});
        QVERIFY(waitFor(rename));
        QVERIFY2(rename->ok(), qPrintable(rename->error().displayMessage()));
        QCOMPARE(rename->json()[u"name"_s].toString(), renamed);
        QCOMPARE(rowsNamed(renamed), 1);
    }

    void stalledAnswerTimesOut()
    {
        auto faults = proxy();
        auto client = clientFor(*faults, 300);
        faults->addRule(rule(Fault::Stall, "GET", u"/locations/"_s, 1));
        ApiReply *read = client->get(u"/locations/"_s + m_locationIds.first());
        QSignalSpy retrying(read, &ApiReply::retrying);
        QVERIFY(waitFor(read));
        QVERIFY2(read->ok(), qPrintable(read->error().displayMessage()));
        QCOMPARE(retrying.at(0).at(2).value<ApiError>().kind, ApiError::Kind::Timeout);

        const QString name = uniqueName();
        faults->addRule(rule(Fault::Stall, "POST", u"/locations"_s, 1));
        ApiReply *create = client->post(u"/locations"_s, newLocation(name));
        QVERIFY(waitFor(create));
        QCOMPARE(create->error().kind, ApiError::Kind::OutcomeUnknown);
        QCOMPARE(faults->count("POST"), 1);
        QCOMPARE(rowsNamed(name), 1);

        faults->addRule(rule(Fault::Stall, "GET", u"/locations"_s, 100));
        ApiReply *hopeless = client->get(u"/locations"_s);
        QVERIFY(waitFor(hopeless));
        QCOMPARE(hopeless->error().kind, ApiError::Kind::Timeout);
        QCOMPARE(hopeless->error().attempts, 4);
        QVERIFY(hopeless->error().displayMessage().contains(u"did not answer in time"_s));
    }

    void invalidJsonIsAParseError()
    {
        auto faults = proxy();
        faults->addRule(rule(Fault::InvalidJson, "GET", u"/locations"_s, 1));
        auto client = clientFor(*faults);
        ApiReply *reply = client->get(u"/locations"_s);
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, ApiError::Kind::Parse);
        QCOMPARE(reply->error().httpStatus, 200);
        QCOMPARE(faults->count("GET"), 1); // the same server would say the same again
    }

    void vanishedServerIsATransportErrorAndLosesNothing()
    {
        auto faults = proxy();
        auto client = clientFor(*faults);
        ApiReply *first = client->get(u"/locations"_s);
        QVERIFY(waitFor(first));
        QVERIFY(first->ok());
        faults->vanish();

        ApiReply *read = client->get(u"/locations"_s);
        QVERIFY(waitFor(read));
        QCOMPARE(read->error().kind, ApiError::Kind::Transport);
        QCOMPARE(read->error().attempts, 4);
        QVERIFY(read->error().displayMessage().contains(u"Cannot reach"_s));

        // A refused connection never delivered the create, so it is tried again, and fails
        // as plainly: nothing half-done to check.
        const QString name = uniqueName();
        ApiReply *create = client->post(u"/locations"_s, newLocation(name));
        QVERIFY(waitFor(create));
        QCOMPARE(create->error().kind, ApiError::Kind::Transport);
        QCOMPARE(create->error().attempts, 4);
        QCOMPARE(rowsNamed(name), 0);
    }

    void vanishingMidRequestRetriesThenFails()
    {
        auto faults = proxy();
        faults->addRule(rule(Fault::Stall, "GET", u"/locations"_s, 1));
        auto client = clientFor(*faults);
        ApiReply *read = client->get(u"/locations"_s);
        QTRY_COMPARE(faults->count("GET"), 1);
        faults->vanish();
        QVERIFY(waitFor(read));
        QCOMPARE(read->error().kind, ApiError::Kind::Transport);
        QVERIFY(read->error().attempts > 1);
    }

    void deletingAWaitingReplyStopsItsRetries()
    {
        auto faults = proxy();
        FaultProxy::Rule storm = rule(Fault::TooManyRequests, "GET", u"/locations"_s, 100);
        storm.retryAfter = "1";
        faults->addRule(storm);
        auto client = clientFor(*faults);
        ApiReply *read = client->get(u"/locations"_s);
        QSignalSpy retrying(read, &ApiReply::retrying);
        QVERIFY(retrying.wait(5'000));
        delete read;
        QTest::qWait(1'300);
        QCOMPARE(faults->count("GET"), 1);
    }

    void limiterSpacesRequests()
    {
        auto faults = proxy();
        auto client = clientFor(*faults);
        client->rateLimiter()->setRate(20.0, 1); // one every 50 ms
        QElapsedTimer clock;
        clock.start();
        QList<ApiReply *> replies;
        for (int i = 0; i < 6; ++i)
            replies.append(client->get(u"/locations/"_s + m_locationIds.at(i % 5)));
        for (ApiReply *reply : std::as_const(replies)) {
            if (!reply->isFinished())
                QVERIFY(waitFor(reply));
            QVERIFY(reply->ok()); // queued, never refused
        }
        QVERIFY2(clock.elapsed() >= 240, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(faults->count("GET"), 6);
    }

    void spentRateLimitWindowPausesTheSession()
    {
        auto faults = proxy();
        FaultProxy::Rule spent = rule(Fault::Pass, "GET", u"/locations"_s, 1);
        spent.headers = {{"x-rate-limit-limit", "100"},
                         {"x-rate-limit-remaining", "0"},
                         {"x-rate-limit-reset", "1"}};
        faults->addRule(spent);
        auto client = clientFor(*faults);
        ApiReply *first = client->get(u"/locations"_s);
        QVERIFY(waitFor(first));
        QVERIFY(first->ok());
        QElapsedTimer clock;
        clock.start();
        ApiReply *second = client->get(u"/locations"_s);
        QVERIFY(waitFor(second));
        QVERIFY(second->ok());
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
    }

    void getsInOneTurnBecomeOneBulkGet()
    {
        auto faults = proxy();
        auto client = clientFor(*faults);
        QList<ApiReply *> replies;
        for (const QString &id : std::as_const(m_locationIds))
            replies.append(client->getById(kLocations, id));
        replies.append(client->getById(kLocations, m_locationIds.first())); // asked twice
        for (ApiReply *reply : std::as_const(replies)) {
            if (!reply->isFinished())
                QVERIFY(waitFor(reply));
        }
        for (int i = 0; i < replies.size(); ++i) {
            QVERIFY(replies[i]->ok());
            QCOMPARE(replies[i]->json()[u"id"_s].toString(), m_locationIds.at(i % 5));
        }
        QCOMPARE(faults->requests().size(), 1);
        QVERIFY(faults->requests().first().target.contains(u"/locations:bulk-get?locationIds="_s));

        // The next turn is a new batch; a single id is a plain get.
        ApiReply *alone = client->getById(kLocations, m_locationIds.last());
        QVERIFY(waitFor(alone));
        QCOMPARE(alone->json()[u"id"_s].toString(), m_locationIds.last());
        QCOMPARE(faults->requests().size(), 2);
        QCOMPARE(faults->requests().last().target, u"/api/v2/locations/"_s + m_locationIds.last());
    }

    void unknownIdInABatchFailsOnlyItsCaller()
    {
        auto faults = proxy();
        auto client = clientFor(*faults);
        ApiReply *known = client->getById(kLocations, m_locationIds.at(0));
        ApiReply *missing = client->getById(kLocations, u"loc_nosuch01"_s);
        ApiReply *other = client->getById(kLocations, m_locationIds.at(1));
        auto *owner = new QObject;
        ApiReply *abandoned = client->getById(kLocations, m_locationIds.at(2), owner);
        delete owner; // its caller went away before the batch left
        QVERIFY(waitFor(missing));
        QCOMPARE(missing->error().httpStatus, 404);
        QCOMPARE(missing->error().invalidId, u"loc_nosuch01"_s);
        QVERIFY(missing->error().displayMessage().contains(u"loc_nosuch01"_s));
        QTRY_VERIFY(known->isFinished() && other->isFinished());
        QCOMPARE(known->json()[u"id"_s].toString(), m_locationIds.at(0));
        QCOMPARE(other->json()[u"id"_s].toString(), m_locationIds.at(1));
        QCOMPARE(faults->count("GET", u":bulk-get"_s), 1);
        QVERIFY(!faults->requests().first().target.contains(m_locationIds.at(2)));
        Q_UNUSED(abandoned);
    }

    void taskIsPolledUntilItSucceeds()
    {
        auto faults = proxy();
        FaultProxy::Rule running = rule(Fault::Canned, "GET", u"/tasks/task_1"_s, 2);
        running.body = R"({"status":"RUNNING"})";
        FaultProxy::Rule done = rule(Fault::Canned, "GET", u"/tasks/task_1"_s, 1);
        done.body = R"({"status":"SUCCEEDED","response":{"locations":[{"id":"loc_x"}]}})";
        faults->addRule(running);
        faults->addRule(done);
        FaultProxy::Rule flaky = rule(Fault::Unavailable, "GET", u"/tasks/task_1"_s, 1);
        faults->addRule(flaky); // spent last: never reached, the task is done by then
        auto client = clientFor(*faults);
        TaskReply *task = client->waitForTask(u"task_1"_s);
        QSignalSpy progress(task, &TaskReply::progress);
        QVERIFY(waitFor(task));
        QVERIFY2(task->ok(), qPrintable(task->error().displayMessage()));
        QCOMPARE(task->json()[u"response"_s][u"locations"_s][0][u"id"_s].toString(), u"loc_x"_s);
        QCOMPARE(progress.count(), 2);
        QCOMPARE(progress.at(1).at(0).toInt(), 2);
        QCOMPARE(faults->count("GET", u"/tasks/"_s), 3);
    }

    void failedTaskIsATypedError()
    {
        auto faults = proxy();
        faults->addRule(rule(Fault::Unavailable, "GET", u"/tasks/task_2"_s, 1)); // retried
        FaultProxy::Rule failed = rule(Fault::Canned, "GET", u"/tasks/task_2"_s, 1);
        failed.body = R"({"status":"FAILED","message":"2 of 3 items are invalid",)"
                      R"("errors":[{"index":1,"message":"Name is required"}]})";
        faults->addRule(failed);
        auto client = clientFor(*faults);
        TaskReply *task = client->waitForTask(u"task_2"_s);
        QVERIFY(waitFor(task));
        QCOMPARE(task->error().kind, ApiError::Kind::TaskFailed);
        QVERIFY(task->error().displayMessage().contains(u"2 of 3 items are invalid"_s));
        QCOMPARE(task->error().userMessage, u"Name is required"_s);
    }

    void cancellingATaskStopsPolling()
    {
        auto faults = proxy();
        FaultProxy::Rule running = rule(Fault::Canned, "GET", u"/tasks/task_3"_s, 1000);
        running.body = R"({"status":"RUNNING"})";
        faults->addRule(running);
        auto client = clientFor(*faults);
        TaskReply *task = client->waitForTask(u"task_3"_s);
        QSignalSpy progress(task, &TaskReply::progress);
        QSignalSpy finished(task, &ApiReply::finished);
        QTRY_VERIFY(progress.count() >= 3);
        task->abort();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(task->error().kind, ApiError::Kind::Cancelled);
        QTest::qWait(50); // a poll already on the wire may still reach the proxy
        const int polls = faults->count("GET");
        QTest::qWait(200);
        QCOMPARE(faults->count("GET"), polls);

        TaskReply *deleted = client->waitForTask(u"task_3"_s);
        QTRY_VERIFY(faults->count("GET") > polls);
        delete deleted;
        QTest::qWait(50);
        const int after = faults->count("GET");
        QTest::qWait(200);
        QCOMPARE(faults->count("GET"), after);
    }
};

QTEST_GUILESS_MAIN(TestApiClientFaults)
#include "tst_apiclient_faults.moc"
