#include "ConnectionDialog.h"

#include "ConnectionCheck.h"
#include "SecretStore.h"
#include "Session.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::app {

ConnectionDialog::ConnectionDialog(ConnectionProfiles *profiles, Session *current, QWidget *parent)
    : QDialog(parent)
    , m_profiles(profiles)
    , m_current(current)
    , m_check(new ConnectionCheck(this))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_urlLabel(new QLabel(this))
    , m_url(new QLineEdit(this))
    , m_auth(new QComboBox(this))
    , m_clientIdLabel(new QLabel(tr("Client id:"), this))
    , m_clientId(new QLineEdit(this))
    , m_secretLabel(new QLabel(this))
    , m_secret(new QLineEdit(this))
    , m_storageNote(new QLabel(this))
    , m_test(new QPushButton(tr("&Test connection"), this))
    , m_result(new QLabel(this))
{
    setWindowTitle(tr("Connections"));
    resize(720, 420);
    const QList<std::pair<QWidget *, QString>> names = {
        {m_list, u"profiles"_s}, {m_name, u"name"_s},
        {m_kind, u"kind"_s},     {m_url, u"url"_s},
        {m_auth, u"auth"_s},     {m_clientId, u"clientId"_s},
        {m_secret, u"secret"_s}, {m_storageNote, u"storageNote"_s},
        {m_test, u"test"_s},     {m_result, u"result"_s}};
    for (const auto &[widget, name] : names)
        widget->setObjectName(name);

    m_kind->addItem(tr("Embedded lab server (on this computer)"),
                    int(ConnectionProfile::Kind::Embedded));
    m_kind->addItem(tr("Team lab server"), int(ConnectionProfile::Kind::Server));
    m_kind->addItem(tr("Benchling tenant"), int(ConnectionProfile::Kind::Tenant));
    m_auth->addItem(tr("API key"), int(ConnectionProfile::Auth::ApiKey));
    m_auth->addItem(tr("OAuth client credentials"), int(ConnectionProfile::Auth::OAuth));
    m_secret->setEchoMode(QLineEdit::Password);
    m_storageNote->setWordWrap(true);
    m_storageNote->setText(m_profiles->secrets()->storageNote());
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *add = new QPushButton(tr("&Add"), this);
    auto *duplicate = new QPushButton(tr("D&uplicate"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    add->setObjectName(u"add"_s);
    duplicate->setObjectName(u"duplicate"_s);
    remove->setObjectName(u"remove"_s);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(duplicate);
    listButtons->addWidget(remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(m_urlLabel, m_url);
    form->addRow(tr("&Authentication:"), m_auth);
    form->addRow(m_clientIdLabel, m_clientId);
    form->addRow(m_secretLabel, m_secret);
    form->addRow(QString(), m_storageNote);
    auto *save = new QPushButton(tr("&Save"), this);
    save->setObjectName(u"save"_s);
    auto *formButtons = new QHBoxLayout;
    formButtons->addWidget(save);
    formButtons->addWidget(m_test);
    formButtons->addStretch();
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(formButtons);
    right->addWidget(m_result);
    right->addStretch();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setObjectName(u"connect"_s);
    connectButton->setToolTip(tr("Save this profile and switch to it"));

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addLayout(right, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &ConnectionDialog::addProfile);
    connect(duplicate, &QPushButton::clicked, this, &ConnectionDialog::duplicateProfile);
    connect(remove, &QPushButton::clicked, this, &ConnectionDialog::removeProfile);
    connect(save, &QPushButton::clicked, this, &ConnectionDialog::save);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(connectButton, &QPushButton::clicked, this, &ConnectionDialog::connectProfile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateFields);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateFields);
    connect(m_list, &QListWidget::currentTextChanged, this, &ConnectionDialog::showProfile);
    connect(m_check, &ConnectionCheck::finished, this, &ConnectionDialog::showResult);

    reload(m_profiles->activeName());
    updateFields();
}

void ConnectionDialog::reload(const QString &select)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    m_list->addItems(m_profiles->names());
    const QList<QListWidgetItem *> found = m_list->findItems(select, Qt::MatchExactly);
    m_list->setCurrentItem(found.isEmpty() ? m_list->item(0) : found.first());
    showProfile(m_list->currentItem() ? m_list->currentItem()->text() : QString());
}

void ConnectionDialog::selectProfile(const QString &name)
{
    reload(name);
}

QString ConnectionDialog::selectedName() const
{
    return m_shown;
}

QString ConnectionDialog::resultText() const
{
    return m_result->text();
}

QString ConnectionDialog::storageNote() const
{
    return m_storageNote->text();
}

void ConnectionDialog::showProfile(const QString &name)
{
    m_shown = name;
    const ConnectionProfile profile = m_profiles->profile(name).value_or(ConnectionProfile{});
    m_name->setText(profile.name);
    m_kind->setCurrentIndex(m_kind->findData(int(profile.kind)));
    m_url->setText(profile.url);
    m_auth->setCurrentIndex(m_auth->findData(int(profile.auth)));
    m_clientId->setText(profile.clientId);
    m_secret->clear();
    m_secret->setPlaceholderText(profile.needsSecret() ? tr("(stored; type to replace it)")
                                                       : QString());
    m_result->clear();
    updateFields();
}

void ConnectionDialog::updateFields()
{
    const auto kind = ConnectionProfile::Kind(m_kind->currentData().toInt());
    const bool remote = kind != ConnectionProfile::Kind::Embedded;
    const bool oauth =
        ConnectionProfile::Auth(m_auth->currentData().toInt()) == ConnectionProfile::Auth::OAuth;
    m_urlLabel->setText(kind == ConnectionProfile::Kind::Tenant ? tr("&Tenant:") : tr("&URL:"));
    m_url->setPlaceholderText(kind == ConnectionProfile::Kind::Tenant
                                  ? tr("acme, or https://acme.benchling.com")
                                  : tr("https://lab.example.org"));
    m_secretLabel->setText(oauth ? tr("Client &secret:") : tr("API &key:"));
    for (QWidget *widget :
         {static_cast<QWidget *>(m_urlLabel), static_cast<QWidget *>(m_url),
          static_cast<QWidget *>(m_auth), static_cast<QWidget *>(m_secretLabel),
          static_cast<QWidget *>(m_secret), static_cast<QWidget *>(m_storageNote)})
        widget->setVisible(remote);
    m_clientIdLabel->setVisible(remote && oauth);
    m_clientId->setVisible(remote && oauth);
}

ConnectionProfile ConnectionDialog::formProfile() const
{
    ConnectionProfile profile;
    profile.name = m_name->text().trimmed();
    profile.kind = ConnectionProfile::Kind(m_kind->currentData().toInt());
    profile.url =
        profile.kind == ConnectionProfile::Kind::Embedded ? QString() : m_url->text().trimmed();
    profile.auth = ConnectionProfile::Auth(m_auth->currentData().toInt());
    profile.clientId = m_clientId->text().trimmed();
    return profile;
}

void ConnectionDialog::showResult(bool ok, const QString &message)
{
    m_test->setEnabled(true);
    m_result->setText(message);
    m_result->setStyleSheet(ok ? QString() : u"color: palette(link-visited);"_s);
    Q_EMIT testFinished(ok, message);
}

void ConnectionDialog::saveThen(std::function<void(const QString &name)> next)
{
    const ConnectionProfile profile = formProfile();
    if (const QString problem = profile.problem(); !problem.isEmpty()) {
        showResult(false, problem);
        return;
    }
    if (profile.name != m_shown && m_profiles->names().contains(profile.name)) {
        showResult(false, tr("There is already a profile named \"%1\".").arg(profile.name));
        return;
    }
    const QString secret = m_secret->text();
    const QString previous = m_shown;
    // A rename moves the secret: the old name's entry goes with the old name.
    auto finish = [this, profile, previous, next](const QString &error) {
        m_profiles->save(profile, previous);
        reload(profile.name);
        if (!error.isEmpty()) {
            showResult(false, error);
            return;
        }
        Q_EMIT saved(profile.name);
        if (next)
            next(profile.name);
    };
    if (!profile.needsSecret()) {
        finish({});
        return;
    }
    if (!secret.isEmpty()) {
        m_profiles->secrets()->write(profile.name, secret, this, finish);
        return;
    }
    if (previous.isEmpty() || previous == profile.name) {
        finish({});
        return;
    }
    // Renamed without typing the secret again: carry the stored one over.
    m_profiles->secrets()->read(
        previous, this, [this, profile, finish](const QString &stored, const QString &) {
            if (stored.isEmpty())
                finish({});
            else
                m_profiles->secrets()->write(profile.name, stored, this, finish);
        });
}

void ConnectionDialog::save()
{
    saveThen({});
}

void ConnectionDialog::testConnection()
{
    const ConnectionProfile profile = formProfile();
    const ConnectionProfile checked = profile.name.isEmpty()
                                          ? ConnectionProfile{u"test"_s, profile.kind, profile.url,
                                                              profile.auth, profile.clientId}
                                          : profile;
    if (const QString problem = checked.problem(); !problem.isEmpty()) {
        showResult(false, problem);
        return;
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting…"));
    if (!checked.needsSecret() && m_current && m_current->isEmbedded()) {
        m_check->start(m_current->client());
        return;
    }
    const auto run = [this, checked](const QString &secret) {
        m_check->start(sessionOptions(checked, secret, QString()));
    };
    if (!checked.needsSecret() || !m_secret->text().isEmpty() || m_shown.isEmpty()) {
        run(m_secret->text());
        return;
    }
    m_profiles->secrets()->read(m_shown, this,
                                [run](const QString &secret, const QString &) { run(secret); });
}

void ConnectionDialog::addProfile()
{
    ConnectionProfile profile;
    profile.name = m_profiles->uniqueName(tr("New profile"));
    profile.kind = ConnectionProfile::Kind::Embedded;
    m_profiles->save(profile);
    reload(profile.name);
    m_name->setFocus();
    m_name->selectAll();
}

void ConnectionDialog::duplicateProfile()
{
    const auto original = m_profiles->profile(m_shown);
    if (!original)
        return;
    ConnectionProfile copy = *original;
    copy.name = m_profiles->uniqueName(tr("%1 copy").arg(original->name));
    m_profiles->save(copy);
    const QString from = original->name;
    m_profiles->secrets()->read(from, this, [this, copy](const QString &secret, const QString &) {
        const auto select = [this, name = copy.name](const QString &) {
            reload(name);
        };
        if (secret.isEmpty())
            select({});
        else
            m_profiles->secrets()->write(copy.name, secret, this, select);
    });
    reload(copy.name);
}

void ConnectionDialog::removeProfile()
{
    if (m_shown.isEmpty())
        return;
    m_profiles->remove(m_shown);
    reload(QString());
}

void ConnectionDialog::connectProfile()
{
    saveThen([this](const QString &name) { Q_EMIT activateRequested(name); });
}

} // namespace benchtop::app
