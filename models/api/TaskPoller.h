// Following a background task: bulk endpoints answer 202 {taskId}; the reply polls
// GET /tasks/{id}, slower and slower, until the task SUCCEEDED or FAILED (DESIGN §2).
#pragma once

#include "ApiReply.h"

#include <QElapsedTimer>

namespace benchtop::models {

class TaskReply : public ApiReply
{
    Q_OBJECT
public:
    QString taskId() const { return m_taskId; }
    int polls() const { return m_polls; }

Q_SIGNALS:
    // After each answer that says the task is still RUNNING.
    void progress(int polls, qint64 elapsedMs);

protected:
    void stopWork() override;

private:
    friend class ApiClient;
    TaskReply(ApiClient *client, QString taskId, QObject *parent);

    void poll();
    void onPolled();

    QPointer<ApiClient> m_client;
    QString m_taskId;
    ApiReply *m_poll = nullptr;
    QTimer *m_timer;
    QElapsedTimer m_elapsed;
    int m_polls = 0;
    int m_delayMs;
};

} // namespace benchtop::models
