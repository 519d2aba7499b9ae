#include "ActivityIndicator.h"

#include "models/api/ListPager.h"
#include "models/api/TaskPoller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace benchtop::app {

ActivityIndicator::ActivityIndicator(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setMaximumWidth(140);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop this operation"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &ActivityIndicator::cancelCurrent);
    refresh();
}

ActivityIndicator::~ActivityIndicator()
{
    // Work that outlives us (or dies with us, as a child) must not call back into a half-gone
    // widget.
    for (const Work &work : std::as_const(m_work)) {
        if (work.object)
            work.object->disconnect(this);
    }
}

qsizetype ActivityIndicator::indexOf(QObject *work) const
{
    for (qsizetype i = 0; i < m_work.size(); ++i) {
        if (m_work[i].object == work)
            return i;
    }
    return -1;
}

void ActivityIndicator::track(QObject *work, const QString &label, std::function<void()> cancel)
{
    if (indexOf(work) >= 0)
        return;
    m_work.append({work, label, std::move(cancel), 0, 0, QString()});
    connect(work, &QObject::destroyed, this, [this, work] { finish(work); });
    refresh();
}

void ActivityIndicator::setProgress(QObject *work, int done, int total, const QString &unit)
{
    const qsizetype i = indexOf(work);
    if (i < 0)
        return;
    m_work[i].done = done;
    m_work[i].total = total;
    m_work[i].unit = unit;
    refresh();
}

void ActivityIndicator::finish(QObject *work)
{
    // Destroyed objects leave null QPointers behind: drop those too.
    m_work.removeIf([this, work](const Work &w) {
        if (w.object == work && w.object)
            w.object->disconnect(this); // no more calls from work we stopped showing
        return w.object == work || !w.object;
    });
    refresh();
}

void ActivityIndicator::track(models::ListPager *pager, const QString &label)
{
    QPointer<models::ListPager> guard(pager);
    track(pager, label, [guard] {
        if (guard)
            guard->cancel();
    });
    if (pager->rowsFetched() > 0)
        setProgress(pager, pager->rowsFetched(), 0, tr("rows"));
    connect(pager, &models::ListPager::pageReady, this, [this, pager] {
        if (pager->hasMore())
            setProgress(pager, pager->rowsFetched(), 0, tr("rows"));
        else
            finish(pager);
    });
    connect(pager, &models::ListPager::failed, this, [this, pager] { finish(pager); });
    connect(pager, &models::ListPager::cancelled, this, [this, pager] { finish(pager); });
}

void ActivityIndicator::track(models::TaskReply *reply, const QString &label)
{
    QPointer<models::TaskReply> guard(reply);
    track(reply, label, [guard] { delete guard.data(); });
    connect(reply, &models::TaskReply::progress, this,
            [this, reply](int polls) { setProgress(reply, polls, 0, tr("checks")); });
    connect(reply, &models::ApiReply::finished, this, [this, reply] { finish(reply); });
}

void ActivityIndicator::cancelCurrent()
{
    if (m_work.isEmpty())
        return;
    Work work = m_work.takeLast();
    if (work.object)
        work.object->disconnect(this);
    refresh();
    if (work.object && work.cancel)
        work.cancel();
}

QString ActivityIndicator::text() const
{
    return m_label->text();
}

void ActivityIndicator::refresh()
{
    setVisible(!m_work.isEmpty());
    if (m_work.isEmpty()) {
        m_label->clear();
        return;
    }
    const Work &current = m_work.constLast();
    QString text = current.label;
    if (current.total > 0)
        text = tr("%1: %2 of %3").arg(text).arg(current.done).arg(current.total);
    else if (current.done > 0)
        text = tr("%1: %2 %3").arg(text).arg(current.done).arg(current.unit);
    if (m_work.size() > 1)
        text = tr("%1 (and %n more)", nullptr, int(m_work.size() - 1)).arg(text);
    m_label->setText(text);
    m_bar->setRange(0, current.total > 0 ? current.total : 0);
    if (current.total > 0)
        m_bar->setValue(current.done);
}

} // namespace benchtop::app
