// A strip above the pages while the connection is offline: what the user sees is as of a given
// time and read-only, and the app keeps trying to reconnect; "Retry now" asks for an attempt at
// once. It only shows state and asks; whoever owns the client connects it (never the network).
#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;
class QPushButton;

namespace benchtop::widgets {

class OfflineBanner : public QWidget
{
    Q_OBJECT
public:
    explicit OfflineBanner(QWidget *parent = nullptr);

    QString text() const;
    QPushButton *retryButton() const { return m_retry; }

public Q_SLOTS:
    // Shows the banner while offline, with the time the data on screen is from (may be
    // invalid: then no time is named); hides it when online.
    void setOffline(bool offline, const QDateTime &seenAt = {});

Q_SIGNALS:
    void retryRequested();

private:
    QLabel *m_text;
    QPushButton *m_retry;
};

} // namespace benchtop::widgets
