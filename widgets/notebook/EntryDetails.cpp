#include "EntryDetails.h"

#include "models/notebook/NotebookJobs.h"
#include "models/notebook/UserDirectory.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets::notebook {

EntryDetails::EntryDetails(QWidget *parent)
    : QWidget(parent)
    , m_folder(new QComboBox(this))
    , m_chips(new QHBoxLayout)
    , m_add(new QToolButton(this))
{
    setObjectName(u"entryDetails"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Folder:"), this));
    m_folder->setObjectName(u"entryFolder"_s);
    m_folder->setMinimumContentsLength(18);
    m_folder->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    layout->addWidget(m_folder);
    layout->addSpacing(12);
    layout->addWidget(new QLabel(tr("Authors:"), this));
    m_chips->setSpacing(4);
    layout->addLayout(m_chips);
    m_add->setObjectName(u"addAuthor"_s);
    m_add->setText(tr("Add author…"));
    layout->addWidget(m_add);
    layout->addStretch();
    connect(m_add, &QToolButton::clicked, this, &EntryDetails::openAuthorChooser);
    connect(m_folder, &QComboBox::activated, this, [this](int index) {
        const QString id = m_folder->itemData(index).toString();
        if (!id.isEmpty() && id != m_entry.value(u"folderId"_s).toString())
            Q_EMIT detailsEdited(QJsonObject{{u"folderId"_s, id}});
    });
}

void EntryDetails::setFolderModel(models::FolderTreeModel *folders)
{
    if (m_folders)
        disconnect(m_folders, nullptr, this, nullptr);
    m_folders = folders;
    if (folders) {
        connect(folders, &QAbstractItemModel::modelReset, this, &EntryDetails::rebuildFolders);
        connect(folders, &QAbstractItemModel::rowsInserted, this, &EntryDetails::rebuildFolders);
        connect(folders, &QAbstractItemModel::rowsRemoved, this, &EntryDetails::rebuildFolders);
        connect(folders, &QAbstractItemModel::dataChanged, this, &EntryDetails::rebuildFolders);
    }
    rebuildFolders();
}

void EntryDetails::setUserDirectory(models::UserDirectory *users)
{
    m_users = users;
}

void EntryDetails::setEntry(const QJsonObject &entry)
{
    m_entry = entry;
    m_authors.clear();
    for (const QJsonValue &value : entry.value(u"authors"_s).toArray()) {
        const QJsonObject author = value.toObject();
        m_authors.append({author.value(u"id"_s).toString(), author.value(u"name"_s).toString()});
    }
    rebuildChips();
    selectFolder(entry.value(u"folderId"_s).toString());
}

void EntryDetails::rebuildFolders()
{
    const QSignalBlocker blocker(m_folder);
    m_folder->clear();
    if (m_folders) {
        auto *combo = qobject_cast<QStandardItemModel *>(m_folder->model());
        // Projects as headings (not choosable), their folders indented beneath.
        const auto add = [&](const auto &self, const QModelIndex &parent, int depth) -> void {
            for (int row = 0; row < m_folders->rowCount(parent); ++row) {
                const QModelIndex index = m_folders->index(row, 0, parent);
                const bool isFolder =
                    index.data(models::FolderTreeModel::KindRole).toString() == u"folder"_s;
                m_folder->addItem(QString(QString(depth * 3, u' ') + index.data().toString()),
                                  isFolder ? index.data(models::IdRole) : QVariant());
                if (!isFolder && combo) {
                    QStandardItem *heading = combo->item(m_folder->count() - 1);
                    heading->setFlags(heading->flags() &
                                      ~(Qt::ItemIsEnabled | Qt::ItemIsSelectable));
                    QFont bold = heading->font();
                    bold.setBold(true);
                    heading->setFont(bold);
                }
                self(self, index, depth + 1);
            }
        };
        add(add, {}, 0);
    }
    selectFolder(m_entry.value(u"folderId"_s).toString());
}

void EntryDetails::selectFolder(const QString &folderId)
{
    const QSignalBlocker blocker(m_folder);
    if (folderId.isEmpty()) {
        m_folder->setCurrentIndex(-1);
        return;
    }
    int index = m_folder->findData(folderId);
    if (index < 0) {
        // Not listed (yet): show the id until the folders arrive.
        m_folder->addItem(folderId, folderId);
        index = m_folder->count() - 1;
    }
    m_folder->setCurrentIndex(index);
}

QToolButton *EntryDetails::authorChip(const QString &userId) const
{
    return findChild<QToolButton *>(u"author:"_s + userId);
}

QStringList EntryDetails::authorIds() const
{
    QStringList ids;
    for (const auto &author : m_authors)
        ids.append(author.first);
    return ids;
}

void EntryDetails::rebuildChips()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const auto &[id, name] : std::as_const(m_authors)) {
        auto *chip = new QToolButton(this);
        chip->setObjectName(u"author:"_s + id);
        chip->setText(QString(name + u"  ✕"_s));
        chip->setToolTip(tr("Remove %1 from the authors").arg(name));
        chip->setAutoRaise(false);
        chip->setStyleSheet(u"QToolButton { border: 1px solid palette(mid); border-radius: 9px; "
                            "padding: 1px 8px; }"_s);
        connect(chip, &QToolButton::clicked, this, [this, userId = id] { removeAuthor(userId); });
        m_chips->addWidget(chip);
    }
}

void EntryDetails::addAuthor(const QString &id, const QString &name)
{
    if (id.isEmpty() || authorIds().contains(id))
        return;
    m_authors.append({id, name});
    rebuildChips();
    emitAuthors();
}

void EntryDetails::removeAuthor(const QString &id)
{
    const auto before = m_authors.size();
    m_authors.removeIf([&id](const auto &author) { return author.first == id; });
    if (m_authors.size() == before)
        return;
    rebuildChips();
    emitAuthors();
}

void EntryDetails::emitAuthors()
{
    Q_EMIT detailsEdited(QJsonObject{{u"authorIds"_s, authorIds().join(u',')}});
}

void EntryDetails::openAuthorChooser()
{
    if (m_chooser || !m_users)
        return;
    auto *dialog = new QDialog(this);
    m_chooser = dialog;
    dialog->setObjectName(u"authorChooser"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add an author"));
    auto *layout = new QVBoxLayout(dialog);
    auto *search = new QLineEdit(dialog);
    search->setObjectName(u"authorSearch"_s);
    search->setPlaceholderText(tr("Search users by name"));
    auto *proxy = new QSortFilterProxyModel(dialog);
    proxy->setSourceModel(m_users);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto *list = new QListView(dialog);
    list->setObjectName(u"authorList"_s);
    list->setModel(proxy);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    layout->addWidget(search);
    layout->addWidget(list);
    layout->addWidget(buttons);
    connect(search, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
    const auto accept = [this, dialog, list] {
        const QModelIndex current = list->currentIndex();
        if (current.isValid())
            addAuthor(current.data(models::IdRole).toString(), current.data().toString());
        dialog->accept();
    };
    connect(buttons, &QDialogButtonBox::accepted, dialog, accept);
    connect(list, &QListView::doubleClicked, dialog, accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    m_users->ensureLoaded();
    dialog->resize(320, 320);
    dialog->open();
}

} // namespace benchtop::widgets::notebook
