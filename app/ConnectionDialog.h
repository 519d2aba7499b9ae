// The connection dialog: the list of profiles (add, duplicate, remove), the fields of the one
// selected (per kind: nothing for the embedded server, a URL for a team server, a tenant name or
// URL for Benchling), how it authenticates and its secret, "Test connection" (who you are signed
// in as, or what went wrong) and "Connect" (switch to it, without restarting).
#pragma once

#include "ConnectionProfiles.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace benchtop::app {

class ConnectionCheck;
class Session;

class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    // `current` (may be null): the session in use, so testing the embedded profile asks the
    // embedded server already running instead of starting another.
    ConnectionDialog(ConnectionProfiles *profiles, Session *current, QWidget *parent = nullptr);

    void selectProfile(const QString &name);
    QString selectedName() const;
    QString resultText() const;
    QString storageNote() const;

    // The form as a profile (not yet saved).
    ConnectionProfile formProfile() const;
    // Saves the form (and the secret, when one was typed); answers through saved()/message.
    void save();
    void testConnection();
    void addProfile();
    void duplicateProfile();
    void removeProfile();
    void connectProfile();

Q_SIGNALS:
    void saved(const QString &name);
    void testFinished(bool ok, const QString &message);
    // The user wants to work with this profile now.
    void activateRequested(const QString &name);

private:
    void reload(const QString &select);
    void showProfile(const QString &name);
    void updateFields();
    void showResult(bool ok, const QString &message);
    void saveThen(std::function<void(const QString &name)> next);

    ConnectionProfiles *m_profiles;
    Session *m_current;
    ConnectionCheck *m_check;
    QString m_shown; // the profile the form was filled from
    QListWidget *m_list;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    QComboBox *m_auth;
    QLabel *m_clientIdLabel;
    QLineEdit *m_clientId;
    QLabel *m_secretLabel;
    QLineEdit *m_secret;
    QLabel *m_storageNote;
    QPushButton *m_test;
    QLabel *m_result;
};

} // namespace benchtop::app
