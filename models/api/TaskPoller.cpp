#include "TaskPoller.h"

#include "ApiClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::models {

TaskReply::TaskReply(ApiClient *client, QString taskId, QObject *parent)
    : ApiReply(parent)
    , m_client(client)
    , m_taskId(std::move(taskId))
    , m_timer(new QTimer(this))
    , m_delayMs(client->retryPolicy().taskPollInitialMs)
{
    m_elapsed.start();
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &TaskReply::poll);
    // The task is seldom done the moment it is accepted, but asking at once costs one request
    // and makes quick tasks quick.
    m_timer->start(0);
}

void TaskReply::stopWork()
{
    m_timer->stop();
    delete m_poll;
    m_poll = nullptr;
}

void TaskReply::poll()
{
    if (!m_client || isFinished())
        return;
    m_poll = m_client->get(u"/tasks/"_s + QString::fromLatin1(QUrl::toPercentEncoding(m_taskId)),
                           {}, this);
    connect(m_poll, &ApiReply::finished, this, &TaskReply::onPolled);
}

void TaskReply::onPolled()
{
    ApiReply *answer = std::exchange(m_poll, nullptr);
    answer->deleteLater();
    if (isFinished())
        return;
    ++m_polls;
    if (!answer->ok()) { // retries are spent: the task's fate is unknown to us
        finishWith(answer->error());
        return;
    }
    const QJsonObject task = answer->json().object();
    const QString status = task.value(u"status"_s).toString();
    if (status == u"SUCCEEDED"_s) {
        finishWith(answer->json());
        return;
    }
    if (status == u"FAILED"_s) {
        ApiError failed;
        failed.kind = ApiError::Kind::TaskFailed;
        failed.httpStatus = 200;
        failed.message = task.value(u"message"_s).toString();
        // The first item error says which row to fix; the rest are in the task.
        const QJsonObject first = task.value(u"errors"_s).toArray().first().toObject();
        failed.userMessage = first.value(u"message"_s).toString();
        finishWith(failed);
        return;
    }
    if (status != u"RUNNING"_s) {
        ApiError odd;
        odd.kind = ApiError::Kind::Parse;
        odd.httpStatus = 200;
        odd.message = u"task %1 has status \"%2\""_s.arg(m_taskId, status);
        finishWith(odd);
        return;
    }
    Q_EMIT progress(m_polls, m_elapsed.elapsed());
    const RetryPolicy &policy = m_client->retryPolicy();
    m_timer->start(m_delayMs);
    m_delayMs = std::min(policy.taskPollMaxMs, m_delayMs * 3 / 2 + 1);
}

} // namespace benchtop::models
