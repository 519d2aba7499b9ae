#include "OfflineBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace benchtop::widgets {

OfflineBanner::OfflineBanner(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_retry(new QPushButton(tr("Retry now"), this))
{
    setObjectName(QStringLiteral("offlineBanner"));
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(QStringLiteral("#offlineBanner { background: #fff4d6; border-bottom: 1px solid "
                                 "#e8c66b; } #offlineBanner QLabel { color: #6b4e00; }"));
    m_text->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    connect(m_retry, &QPushButton::clicked, this, &OfflineBanner::retryRequested);
    hide();
}

QString OfflineBanner::text() const
{
    return m_text->text();
}

void OfflineBanner::setOffline(bool offline, const QDateTime &seenAt)
{
    if (!offline) {
        hide();
        return;
    }
    const QString time = QLocale().toString(seenAt.time(), QLocale::ShortFormat);
    m_text->setText(seenAt.isValid()
                        ? tr("Offline — showing what you saw at %1; changes are disabled. "
                             "Reconnecting…")
                              .arg(time)
                        : tr("Offline — showing what you saw earlier; changes are disabled. "
                             "Reconnecting…"));
    show();
}

} // namespace benchtop::widgets
