// The status bar's "long work" corner: any long operation (paging through thousands of rows, a
// bulk task) registers here; the newest one shows its label and progress, and Cancel stops it.
// An operation ends when it says so (finish) or when its object is destroyed.
#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QToolButton;

namespace benchtop::models {
class ListPager;
class TaskReply;
} // namespace benchtop::models

namespace benchtop::app {

class ActivityIndicator : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityIndicator(QWidget *parent = nullptr);
    ~ActivityIndicator() override;

    // `work` identifies the operation (its destruction ends it); `cancel` stops it.
    void track(QObject *work, const QString &label, std::function<void()> cancel);
    // total 0: progress of unknown length (a busy bar); the text says `done`.
    void setProgress(QObject *work, int done, int total = 0, const QString &unit = {});
    void finish(QObject *work);

    // A pager walking a long list: progress counts the rows; Cancel stops the paging.
    void track(models::ListPager *pager, const QString &label);
    // A background task: progress shows that it runs; Cancel deletes the reply (the polling
    // stops; the server's task runs on).
    void track(models::TaskReply *reply, const QString &label);

    int count() const { return int(m_work.size()); }
    QString text() const;
    QToolButton *cancelButton() const { return m_cancel; }
    void cancelCurrent();

private:
    struct Work
    {
        QPointer<QObject> object;
        QString label;
        std::function<void()> cancel;
        int done = 0;
        int total = 0;
        QString unit;
    };
    void refresh();
    qsizetype indexOf(QObject *work) const;

    QList<Work> m_work;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
};

} // namespace benchtop::app
