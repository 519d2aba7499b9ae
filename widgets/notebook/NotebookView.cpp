#include "NotebookView.h"

#include "EntryEditor.h"
#include "models/ResourceListModel.h"
#include "models/api/ApiClient.h"
#include "models/notebook/EntrySession.h"
#include "models/notebook/NotebookJobs.h"
#include "models/store/ResourceStore.h"

#include <QComboBox>
#include <QDate>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets::notebook {

NotebookView::NotebookView(models::ApiClient *client, models::ResourceStore *store, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_store(store)
    , m_folders(new models::FolderTreeModel(client, this))
    , m_entries(new models::EntryListModel(client, store, this))
    , m_tree(new QTreeView(this))
    , m_table(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_author(new QComboBox(this))
    , m_date(new QComboBox(this))
    , m_review(new QComboBox(this))
    , m_right(new QStackedWidget(this))
    , m_placeholder(new QLabel(tr("Choose an entry to read it."), this))
{
    setObjectName(u"notebookView"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter);

    m_tree->setModel(m_folders);
    m_tree->setHeaderHidden(true);
    splitter->addWidget(m_tree);

    auto *middle = new QWidget(this);
    auto *column = new QVBoxLayout(middle);
    column->setContentsMargins(4, 4, 4, 4);
    m_search->setPlaceholderText(tr("Search entries by name"));
    m_search->setClearButtonEnabled(true);
    column->addWidget(m_search);
    auto *filters = new QHBoxLayout;
    m_author->addItem(tr("Any author"), QString());
    m_date->addItem(tr("Any date"), 0);
    m_date->addItem(tr("Last 7 days"), 7);
    m_date->addItem(tr("Last 30 days"), 30);
    m_review->addItem(tr("Any status"), QString());
    for (const auto &[status, label] :
         QList<std::pair<QString, QString>>{{u"IN_PROGRESS"_s, tr("In progress")},
                                            {u"NEEDS_REVIEW"_s, tr("Needs review")},
                                            {u"ACCEPTED"_s, tr("Accepted")},
                                            {u"REJECTED"_s, tr("Rejected")}})
        m_review->addItem(label, status);
    filters->addWidget(m_author);
    filters->addWidget(m_date);
    filters->addWidget(m_review);
    column->addLayout(filters);
    m_entries->setSort(u"modifiedAt:desc"_s);
    m_table->setModel(m_entries);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setColumnHidden(2, true);
    column->addWidget(m_table, 1);
    auto *newEntry = new QPushButton(tr("New entry from template…"), middle);
    newEntry->setObjectName(u"newEntry"_s);
    connect(newEntry, &QPushButton::clicked, this, &NotebookView::newEntryFromTemplate);
    column->addWidget(newEntry);
    splitter->addWidget(middle);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_right->addWidget(m_placeholder);
    splitter->addWidget(m_right);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 5);
    splitter->setSizes({200, 300, 800});

    connect(m_folders, &models::FolderTreeModel::loaded, m_tree, &QTreeView::expandAll);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &NotebookView::onFolderSelected);
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(300);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &NotebookView::applyFilters);
    for (QComboBox *box : {m_author, m_date, m_review})
        connect(box, &QComboBox::currentIndexChanged, this, &NotebookView::applyFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    openEntry(current.data(models::IdRole).toString());
            });

    // Authors to filter by: the tenant's users (one page is plenty for a lab).
    models::ApiReply *users = m_client->get(u"/users"_s, QUrlQuery(u"pageSize=100"_s), this);
    connect(users, &models::ApiReply::finished, this, [this, users] {
        users->deleteLater();
        if (!users->ok())
            return;
        for (const QJsonValue &user : users->json().object().value(u"users"_s).toArray())
            m_author->addItem(user.toObject().value(u"name"_s).toString(),
                              user.toObject().value(u"id"_s).toString());
    });
    m_folders->reload();
}

void NotebookView::onFolderSelected()
{
    const QModelIndex current = m_tree->currentIndex();
    m_projectId.clear();
    m_folderId.clear();
    if (current.data(models::FolderTreeModel::KindRole).toString() == u"project"_s)
        m_projectId = current.data(models::IdRole).toString();
    else
        m_folderId = current.data(models::IdRole).toString();
    applyFilters();
}

void NotebookView::applyFilters()
{
    m_entries->setFilter(u"projectId"_s, m_projectId);
    m_entries->setFilter(u"folderId"_s, m_folderId);
    m_entries->setFilter(u"nameIncludes"_s, m_search->text().trimmed());
    m_entries->setFilter(u"authorIds.anyOf"_s, m_author->currentData().toString());
    m_entries->setFilter(u"reviewStatus"_s, m_review->currentData().toString());
    // Which entries belong, so one created or moved here joins (or leaves) without a new listing:
    // by folder and name (the other filters take effect with the next listing).
    QStringList folders;
    if (!m_folderId.isEmpty())
        folders.append(m_folderId);
    else if (!m_projectId.isEmpty())
        folders = m_folders->folderIdsUnder(m_folders->indexOfId(m_projectId));
    const QString search = m_search->text().trimmed();
    m_entries->setMembership([folders, search](const QJsonObject &entry) {
        return (folders.isEmpty() || folders.contains(entry.value(u"folderId"_s).toString())) &&
               entry.value(u"name"_s).toString().contains(search, Qt::CaseInsensitive);
    });
    const int days = m_date->currentData().toInt();
    m_entries->setFilter(
        u"modifiedAt"_s,
        days > 0 ? QString(u"> "_s + QDate::currentDate().addDays(-days).toString(Qt::ISODate))
                 : QString());
}

EntryEditor *NotebookView::editor() const
{
    return m_editor;
}

EntryEditor *NotebookView::openEntry(const QString &entryId)
{
    if (m_editor && m_editor->session()->entryId() == entryId)
        return m_editor;
    if (m_editor) {
        m_right->removeWidget(m_editor);
        m_editor->deleteLater(); // its draft is on disk already
    }
    m_editor = new EntryEditor(m_client, entryId, m_right);
    m_editor->setContext(m_store, m_folders);
    connect(m_editor, &EntryEditor::openResourceRequested, this,
            [this](const QString &type, const QString &id) {
                if (type == u"entry"_s)
                    openEntry(id);
                else
                    Q_EMIT openResourceRequested(type, id);
            });
    m_right->addWidget(m_editor);
    m_right->setCurrentWidget(m_editor);
    return m_editor;
}

void NotebookView::newEntryFromTemplate()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New entry"));
    auto *form = new QFormLayout(dialog);
    auto *name = new QLineEdit(dialog);
    auto *templates = new QComboBox(dialog);
    templates->addItem(tr("Blank entry"), QString());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(tr("Name:"), name);
    form->addRow(tr("Template:"), templates);
    auto *hint = new QLabel(dialog);
    form->addRow(hint);
    form->addRow(buttons);
    QString folder = m_folderId;
    if (folder.isEmpty()) {
        // A project is selected (or nothing): its first folder.
        const QModelIndex current =
            m_tree->currentIndex().isValid() ? m_tree->currentIndex() : m_folders->index(0, 0);
        folder = m_folders->folderIdsUnder(current).value(0);
    }
    hint->setText(folder.isEmpty()
                      ? tr("Choose a folder first.")
                      : tr("In folder %1").arg(m_folders->indexOfId(folder).data().toString()));
    models::ApiReply *list =
        m_client->get(u"/entry-templates"_s, QUrlQuery(u"pageSize=100"_s), dialog);
    connect(list, &models::ApiReply::finished, dialog, [list, templates] {
        for (const QJsonValue &t : list->json().object().value(u"entryTemplates"_s).toArray())
            templates->addItem(t.toObject().value(u"name"_s).toString(),
                               t.toObject().value(u"id"_s).toString());
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog,
            [this, dialog, name, templates, folder, hint] {
                if (folder.isEmpty() || name->text().trimmed().isEmpty()) {
                    hint->setText(tr("Give the entry a name and choose a folder."));
                    return;
                }
                QJsonObject body{{u"name"_s, name->text().trimmed()}, {u"folderId"_s, folder}};
                if (!templates->currentData().toString().isEmpty())
                    body.insert(u"entryTemplateId"_s, templates->currentData().toString());
                models::ApiReply *created = m_client->post(u"/entries"_s, body, this);
                connect(created, &models::ApiReply::finished, this, [this, created] {
                    created->deleteLater();
                    if (!created->ok())
                        return;
                    const QJsonObject entry = created->json().object();
                    m_store->upsert(entry); // the list takes it in (membership)
                    openEntry(entry.value(u"id"_s).toString());
                });
                dialog->accept();
            });
    dialog->open();
}

} // namespace benchtop::widgets::notebook
