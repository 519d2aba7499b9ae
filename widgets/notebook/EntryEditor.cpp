#include "EntryEditor.h"

#include "EntryDetails.h"

#include "models/api/ApiClient.h"
#include "models/notebook/EntryHtml.h"
#include "models/notebook/EntrySession.h"
#include "models/notebook/NotebookJobs.h"
#include "models/notebook/UserDirectory.h"

#include <QAction>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextEdit>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace benchtop::widgets::notebook {

// ---- DayWidget --------------------------------------------------------------------------------

DayWidget::DayWidget(const QJsonObject &day, QWidget *parent)
    : QFrame(parent)
    , m_date(new QDateEdit)
    , m_title(new QLineEdit)
    , m_notes(new QVBoxLayout)
{
    setObjectName(u"day"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 8);
    auto *header = new QHBoxLayout;
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_date->setDate(QDate::fromString(day.value(u"date"_s).toString(), Qt::ISODate));
    m_title->setText(day.value(u"title"_s).toString());
    m_title->setPlaceholderText(tr("Day title"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_date->setFont(big);
    header->addWidget(m_date);
    header->addWidget(m_title, 1);
    layout->addLayout(header);
    m_notes->setSpacing(0);
    layout->addLayout(m_notes);
    connect(m_date, &QDateEdit::dateChanged, this, &DayWidget::changed);
    connect(m_title, &QLineEdit::textEdited, this, &DayWidget::changed);
    int number = 0;
    for (const QJsonValue &note : day.value(u"notes"_s).toArray()) {
        const QJsonObject part = note.toObject();
        number = part.value(u"type"_s).toString() == u"list_number"_s ? number + 1 : 0;
        auto *block = NoteBlock::create(part, number, this);
        m_blocks.append(block);
        m_notes->addWidget(block);
        connect(block, &NoteBlock::changed, this, &DayWidget::changed);
    }
    setEditable(false);
}

NoteBlock *DayWidget::addNote(const QJsonObject &note, int at)
{
    auto *block = NoteBlock::create(note, 1, this);
    if (at < 0 || at > m_blocks.size())
        at = int(m_blocks.size());
    m_blocks.insert(at, block);
    m_notes->insertWidget(at, block);
    block->setEditable(m_editable);
    connect(block, &NoteBlock::changed, this, &DayWidget::changed);
    Q_EMIT blockAdded(block);
    Q_EMIT changed();
    return block;
}

void DayWidget::renumber()
{
    int number = 0;
    for (NoteBlock *block : std::as_const(m_blocks)) {
        number = block->type() == u"list_number"_s ? number + 1 : 0;
        if (auto *text = qobject_cast<TextBlock *>(block); text && text->marker() && number > 0)
            text->marker()->setText(u"%1."_s.arg(number));
    }
}

void DayWidget::setEditable(bool editable)
{
    m_editable = editable;
    m_date->setReadOnly(!editable);
    m_date->setButtonSymbols(editable ? QAbstractSpinBox::UpDownArrows
                                      : QAbstractSpinBox::NoButtons);
    m_date->setFrame(editable);
    m_title->setReadOnly(!editable);
    m_title->setFrame(editable);
    for (NoteBlock *block : std::as_const(m_blocks))
        block->setEditable(editable);
}

QJsonObject DayWidget::toJson() const
{
    QJsonArray notes;
    for (const NoteBlock *block : m_blocks)
        notes.append(block->toJson());
    return {{u"date"_s, m_date->date().toString(Qt::ISODate)},
            {u"title"_s, m_title->text().isEmpty() ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(m_title->text())},
            {u"notes"_s, notes}};
}

// ---- EntryEditor ------------------------------------------------------------------------------

EntryEditor::EntryEditor(models::ApiClient *client, const QString &entryId, QWidget *parent,
                         const QString &draftsDir)
    : QWidget(parent)
    , m_client(client)
    , m_session(new models::EntrySession(client, entryId, models::EntryDraftStore(draftsDir),
                                         nullptr, this))
    , m_names(new models::LinkNameResolver(client, this))
    , m_toolbar(new QToolBar(this))
    , m_name(new QLineEdit(this))
    , m_meta(new QLabel(this))
    , m_details(new EntryDetails(this))
    , m_users(new models::UserDirectory(client, this))
    , m_fields(new QFormLayout)
    , m_badge(new QLabel(this))
    , m_conflictBar(new QWidget(this))
    , m_conflictText(new QLabel(this))
    , m_status(new QLabel(this))
    , m_bodyHost(new QWidget(this))
    , m_bodyLayout(new QVBoxLayout(m_bodyHost))
{
    setObjectName(u"entryEditor"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);

    // Toolbar.
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *save = m_toolbar->addAction(tr("Save"), this, &EntryEditor::save);
    save->setObjectName(u"save"_s);
    save->setShortcut(QKeySequence::Save);
    m_toolbar->addSeparator();
    auto *insert = new QMenu(tr("Insert"), this);
    const QList<std::pair<QString, QString>> types{{u"text"_s, tr("Text")},
                                                   {u"list_bullet"_s, tr("Bulleted item")},
                                                   {u"list_number"_s, tr("Numbered item")},
                                                   {u"list_checkbox"_s, tr("Checkbox")},
                                                   {u"table"_s, tr("Table")},
                                                   {u"code"_s, tr("Code block")},
                                                   {u"text_box"_s, tr("Text box")}};
    for (const auto &[type, label] : types)
        insert->addAction(label, this, [this, t = type] { addNote(t); })->setObjectName(type);
    auto *insertButton = new QToolButton(this);
    insertButton->setText(tr("Insert"));
    insertButton->setMenu(insert);
    insertButton->setPopupMode(QToolButton::InstantPopup);
    m_editActions.append(m_toolbar->addWidget(insertButton));
    m_editActions.append(
        m_toolbar->addAction(tr("Link…"), this, &EntryEditor::openInsertLinkDialog));
    m_editActions.append(m_toolbar->addAction(tr("Attach file…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Attach a file"));
        if (!path.isEmpty())
            attachFile(path);
    }));
    m_editActions.append(m_toolbar->addAction(tr("New day"), this, &EntryEditor::addDay));
    m_editActions.append(save);
    m_toolbar->addSeparator();
    m_toolbar->addAction(tr("Export PDF…"), this, [this] { exportPdf(); });
    m_toolbar->addAction(tr("Print…"), this, &EntryEditor::printLocally);
    layout->addWidget(m_toolbar);

    // Header: name, metadata, fields.
    QFont title = m_name->font();
    title.setPointSizeF(title.pointSizeF() * 1.6);
    title.setBold(true);
    m_name->setFont(title);
    m_name->setFrame(false);
    m_name->setObjectName(u"entryName"_s);
    connect(m_name, &QLineEdit::editingFinished, this, &EntryEditor::applyHeader);
    layout->addWidget(m_name);
    m_meta->setStyleSheet(u"color: palette(dark);"_s);
    layout->addWidget(m_meta);
    m_details->setUserDirectory(m_users);
    connect(m_details, &EntryDetails::detailsEdited, this, [this](const QJsonObject &changes) {
        m_status->setText(tr("Saving…"));
        m_session->patchEntry(changes);
    });
    layout->addWidget(m_details);
    layout->addLayout(m_fields);

    m_badge->setObjectName(u"readOnlyBadge"_s);
    m_badge->setWordWrap(true);
    m_badge->setStyleSheet(u"QLabel { background: #fff3cd; color: #664d03; border: 1px solid "
                           "#ffe69c; border-radius: 4px; padding: 6px; }"_s);
    m_badge->hide();
    layout->addWidget(m_badge);

    auto *conflict = new QHBoxLayout(m_conflictBar);
    m_conflictBar->setObjectName(u"conflictBar"_s);
    m_conflictBar->setStyleSheet(u"#conflictBar { background: #f8d7da; border-radius: 4px; }"_s);
    m_conflictText->setWordWrap(true);
    conflict->addWidget(m_conflictText, 1);
    auto *reload = new QPushButton(tr("Reload theirs"), m_conflictBar);
    reload->setObjectName(u"reload"_s);
    auto *overwrite = new QPushButton(tr("Overwrite with mine"), m_conflictBar);
    overwrite->setObjectName(u"overwrite"_s);
    conflict->addWidget(reload);
    conflict->addWidget(overwrite);
    connect(reload, &QPushButton::clicked, m_session, &models::EntrySession::reload);
    connect(overwrite, &QPushButton::clicked, m_session, &models::EntrySession::overwrite);
    m_conflictBar->hide();
    layout->addWidget(m_conflictBar);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_bodyLayout->setContentsMargins(0, 0, 12, 0);
    m_bodyLayout->addStretch();
    scroll->setWidget(m_bodyHost);
    layout->addWidget(scroll, 1);
    m_status->setObjectName(u"status"_s);
    layout->addWidget(m_status);

    connect(m_session, &models::EntrySession::loaded, this, [this] {
        m_conflictBar->hide();
        buildBody();
        if (m_session->restoredFromDraft())
            m_status->setText(tr("Restored unsaved changes from a draft (not on the server yet)."));
        else
            m_status->setText(tr("Saved on the server."));
    });
    connect(m_session, &models::EntrySession::saved, this, [this] {
        m_conflictBar->hide();
        m_status->setText(tr("Saved on the server."));
        const QJsonObject entry = m_session->entry();
        m_meta->setText(tr("%1 · modified %2")
                            .arg(entry.value(u"displayId"_s).toString(),
                                 entry.value(u"modifiedAt"_s).toString()));
    });
    connect(m_session, &models::EntrySession::conflict, this, [this](const QString &text) {
        m_conflictText->setText(text);
        m_conflictBar->show();
        m_status->setText(tr("Not saved: conflict. Your text is kept as a draft."));
    });
    connect(m_session, &models::EntrySession::failed, this, [this](const QString &text) {
        m_status->setText(text);
        Q_EMIT message(text);
    });
    connect(m_session, &models::EntrySession::bodyWritableChanged, this, &EntryEditor::updateMode);
    connect(m_session, &models::EntrySession::patched, this, [this] {
        m_details->setEntry(m_session->entry());
        showMeta();
        m_status->setText(tr("Entry details saved."));
    });
    // A refused change: the header shows the server's version again (the message stays).
    connect(m_session, &models::EntrySession::patchFailed, this,
            [this] { m_details->setEntry(m_session->entry()); });
    connect(m_names, &models::LinkNameResolver::nameChanged, this, [this] {
        for (DayWidget *day : std::as_const(m_days))
            for (NoteBlock *block : day->blocks())
                block->setLinkNamer([this](const QJsonObject &link) { return linkName(link); });
    });
    m_session->probeExtension();
    m_session->load();
}

EntryEditor::~EntryEditor() = default;

QString EntryEditor::linkName(const QJsonObject &link) const
{
    return m_names->name(link.value(u"id"_s).toString());
}

void EntryEditor::buildBody()
{
    m_building = true;
    qDeleteAll(m_days);
    m_days.clear();
    const QJsonObject entry = m_session->entry();
    m_name->setText(entry.value(u"name"_s).toString());
    showMeta();
    if (!m_details->folderModel()) {
        auto *folders = new models::FolderTreeModel(m_client, this);
        m_details->setFolderModel(folders);
        folders->reload();
    }
    m_details->setEntry(entry);
    // Schema fields: editable line edits, written with PATCH (values as their text).
    while (m_fields->rowCount() > 0)
        m_fields->removeRow(0);
    m_fieldEdits.clear();
    const QJsonObject fields = entry.value(u"fields"_s).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        auto *edit = new QLineEdit(it.value().toObject().value(u"displayValue"_s).toString());
        edit->setObjectName(u"field:"_s + it.key());
        connect(edit, &QLineEdit::editingFinished, this, &EntryEditor::applyHeader);
        m_fields->addRow(it.key() + u':', edit);
        m_fieldEdits.append({it.key(), edit});
    }
    for (const QJsonValue &dayValue : m_session->days()) {
        auto *day = new DayWidget(dayValue.toObject(), m_bodyHost);
        m_days.append(day);
        m_bodyLayout->insertWidget(m_bodyLayout->count() - 1, day);
        connect(day, &DayWidget::changed, this, &EntryEditor::bodyChanged);
        connect(day, &DayWidget::blockAdded, this, &EntryEditor::wireBlock);
        for (NoteBlock *block : day->blocks())
            wireBlock(block);
    }
    m_building = false;
    updateMode();
}

void EntryEditor::wireBlock(NoteBlock *block)
{
    block->setLinkNamer([this](const QJsonObject &link) { return linkName(link); });
    for (const QJsonValue &link : block->links())
        m_names->resolve(link.toObject());
    if (block->type() == u"table"_s) {
        const QJsonArray rows =
            block->toJson().value(u"table"_s).toObject().value(u"rows"_s).toArray();
        for (const QJsonValue &row : rows)
            for (const QJsonValue &cell : row.toObject().value(u"cells"_s).toArray())
                if (cell.toObject().contains(u"link"_s))
                    m_names->resolve(cell.toObject().value(u"link"_s).toObject());
    }
    connect(block, &NoteBlock::linkActivated, this, [this](const QString &type, const QString &id) {
        if (type == u"link"_s)
            QDesktopServices::openUrl(QUrl(id));
        else
            Q_EMIT openResourceRequested(type, id);
    });
    connect(block, &NoteBlock::focused, this, [this](NoteBlock *b) { m_current = b; });
    connect(block, &NoteBlock::fileRequested, this, &EntryEditor::onFileRequested);
    // Focus inside the block's editors reports here too.
    for (QWidget *child : block->findChildren<QWidget *>())
        child->installEventFilter(block);
}

void EntryEditor::updateMode()
{
    const bool writable = m_session->bodyWritable();
    m_editable = writable;
    m_badge->setText(m_session->bodyReadOnlyReason());
    m_badge->setVisible(!writable);
    for (QAction *action : std::as_const(m_editActions))
        action->setEnabled(writable);
    for (DayWidget *day : std::as_const(m_days))
        day->setEditable(writable);
}

QJsonArray EntryEditor::bodyJson() const
{
    QJsonArray days;
    for (const DayWidget *day : m_days)
        days.append(day->toJson());
    return days;
}

void EntryEditor::bodyChanged()
{
    if (m_building)
        return;
    for (DayWidget *day : std::as_const(m_days))
        day->renumber();
    // Straight to the draft on disk: a crash a second later loses nothing.
    m_session->setDays(bodyJson());
    m_status->setText(tr("Unsaved changes (kept as a draft)."));
}

void EntryEditor::save()
{
    if (!m_editable)
        return;
    m_session->setDays(bodyJson());
    m_status->setText(tr("Saving…"));
    m_session->save();
}

void EntryEditor::addDay()
{
    const QDate date = QDate::currentDate();
    auto *day = new DayWidget({{u"date"_s, date.toString(Qt::ISODate)},
                               {u"title"_s, QJsonValue::Null},
                               {u"notes"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s},
                                                                   {u"text"_s, QString()},
                                                                   {u"indentation"_s, 0},
                                                                   {u"links"_s, QJsonArray()}}}}},
                              m_bodyHost);
    m_days.append(day);
    m_bodyLayout->insertWidget(m_bodyLayout->count() - 1, day);
    connect(day, &DayWidget::changed, this, &EntryEditor::bodyChanged);
    connect(day, &DayWidget::blockAdded, this, &EntryEditor::wireBlock);
    for (NoteBlock *block : day->blocks())
        wireBlock(block);
    day->setEditable(m_editable);
    m_current = day->blocks().value(0);
    bodyChanged();
}

NoteBlock *EntryEditor::addNote(const QString &type)
{
    if (m_days.isEmpty())
        addDay();
    DayWidget *day = m_days.last();
    int at = -1;
    for (DayWidget *candidate : std::as_const(m_days)) {
        const int index = int(candidate->blocks().indexOf(m_current.data()));
        if (index >= 0) {
            day = candidate;
            at = index + 1;
        }
    }
    QJsonObject note{{u"type"_s, type},
                     {u"text"_s, QString()},
                     {u"indentation"_s, 0},
                     {u"links"_s, QJsonArray()}};
    if (type == u"list_checkbox"_s)
        note.insert(u"checked"_s, false);
    if (type == u"table"_s) {
        const QJsonObject empty{{u"text"_s, QString()}};
        note.insert(u"table"_s,
                    QJsonObject{{u"name"_s, tr("Table")},
                                {u"columnLabels"_s, QJsonArray{tr("Sample"), tr("Value")}},
                                {u"rows"_s,
                                 QJsonArray{QJsonObject{{u"cells"_s, QJsonArray{empty, empty}}}}}});
    }
    NoteBlock *block = day->addNote(note, at);
    m_current = block;
    if (auto *text = qobject_cast<TextBlock *>(block))
        text->editor()->setFocus();
    return block;
}

void EntryEditor::insertLink(const QJsonObject &link, const QString &name)
{
    NoteBlock *block = m_current;
    if (!block || block->type() == u"external_file"_s) {
        block = addNote(u"text"_s);
        if (auto *text = qobject_cast<TextBlock *>(block))
            text->editor()->setPlainText(name);
    }
    m_names->resolve(link);
    block->addLink(link);
}

void EntryEditor::openInsertLinkDialog()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Insert a link"));
    auto *layout = new QVBoxLayout(dialog);
    auto *search = new QLineEdit(dialog);
    search->setPlaceholderText(tr("Search sequences, tubes, boxes and plates by name"));
    auto *results = new QListWidget(dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    layout->addWidget(search);
    layout->addWidget(results);
    layout->addWidget(buttons);
    auto *finder = new models::EntitySearch(m_client, dialog);
    connect(finder, &models::EntitySearch::finished, dialog, [finder, results] {
        results->clear();
        for (const QJsonObject &found : finder->results()) {
            auto *item = new QListWidgetItem(
                u"%1  (%2)"_s.arg(found.value(u"name"_s).toString(),
                                  found.value(u"type"_s).toString().replace(u'_', u' ')),
                results);
            item->setData(Qt::UserRole, found);
        }
    });
    auto *debounce = new QTimer(dialog);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, dialog,
            [finder, search] { finder->search(search->text()); });
    const auto accept = [this, dialog, results] {
        if (QListWidgetItem *item = results->currentItem()) {
            const QJsonObject found = item->data(Qt::UserRole).toJsonObject();
            insertLink({{u"type"_s, found.value(u"type"_s)}, {u"id"_s, found.value(u"id"_s)}},
                       found.value(u"name"_s).toString());
        }
        dialog->accept();
    };
    connect(buttons, &QDialogButtonBox::accepted, dialog, accept);
    connect(results, &QListWidget::itemDoubleClicked, dialog, accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    finder->search({});
    dialog->resize(420, 360);
    dialog->open();
}

void EntryEditor::attachFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT attachFinished(false, file.errorString());
        return;
    }
    auto *upload =
        new models::BlobUpload(m_client, QFileInfo(path).fileName(), file.readAll(), {}, this);
    auto *progress = new QProgressDialog(tr("Uploading %1…").arg(QFileInfo(path).fileName()),
                                         tr("Cancel"), 0, 100, this);
    progress->setMinimumDuration(400);
    connect(progress, &QProgressDialog::canceled, upload, &models::BlobUpload::cancel);
    connect(upload, &models::BlobUpload::progress, progress, [progress](qint64 done, qint64 total) {
        progress->setValue(total > 0 ? int(done * 100 / total) : 0);
    });
    connect(upload, &models::BlobUpload::finished, this, [this, upload, progress](bool ok) {
        progress->deleteLater();
        upload->deleteLater();
        if (!ok) {
            m_status->setText(tr("The file was not attached: %1").arg(upload->errorMessage()));
            Q_EMIT attachFinished(false, upload->errorMessage());
            return;
        }
        QJsonObject note{{u"type"_s, u"external_file"_s},
                         {u"text"_s, upload->name()},
                         {u"externalFileId"_s, upload->blobId()},
                         {u"indentation"_s, 0},
                         {u"links"_s, QJsonArray()}};
        if (m_days.isEmpty())
            addDay();
        m_days.last()->addNote(note);
        Q_EMIT attachFinished(true, upload->blobId());
    });
    upload->start();
}

void EntryEditor::onFileRequested(const QString &fileId, const QString &name, bool save)
{
    QString target;
    if (save) {
        target = QFileDialog::getSaveFileName(this, tr("Save attachment"), name);
        if (target.isEmpty())
            return;
    }
    auto *download = new models::FileDownload(m_client, m_session->entryId(), fileId, this);
    m_status->setText(tr("Downloading %1…").arg(name));
    connect(
        download, &models::FileDownload::finished, this, [this, download, target, name](bool ok) {
            download->deleteLater();
            if (!ok) {
                m_status->setText(
                    tr("Could not download %1: %2").arg(name, download->errorMessage()));
                return;
            }
            QString path = target;
            if (path.isEmpty()) {
                const QString dir =
                    QStandardPaths::writableLocation(QStandardPaths::TempLocation) + u"/benchtop"_s;
                QDir().mkpath(dir);
                path = dir + u'/' + QFileInfo(name).fileName();
            }
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(download->data()) < 0) {
                m_status->setText(tr("Could not write %1: %2").arg(path, file.errorString()));
                return;
            }
            file.close();
            m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
            if (target.isEmpty())
                QDesktopServices::openUrl(QUrl::fromLocalFile(path));
        });
    download->start();
}

void EntryEditor::exportPdf(const QString &savePath)
{
    QString path = savePath;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(
            this, tr("Export PDF"), m_session->entry().value(u"displayId"_s).toString() + u".pdf"_s,
            tr("PDF (*.pdf)"));
        if (path.isEmpty())
            return;
    }
    auto *job = new models::ExportJob(m_client, m_session->entryId(), this);
    connect(job, &models::ExportJob::progress, this, [this](const QString &stage, int polls) {
        m_status->setText(polls > 0 ? tr("%1 (%2)").arg(stage).arg(polls) : stage);
    });
    connect(job, &models::ExportJob::finished, this, [this, job, path](bool ok) {
        job->deleteLater();
        if (!ok) {
            m_status->setText(tr("Export failed: %1").arg(job->errorMessage()));
            Q_EMIT exportFinished(false, job->errorMessage());
            return;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(job->pdf()) < 0) {
            Q_EMIT exportFinished(false, file.errorString());
            return;
        }
        file.close();
        m_status->setText(tr("Exported to %1").arg(QDir::toNativeSeparators(path)));
        Q_EMIT exportFinished(true, path);
    });
    job->start();
}

void EntryEditor::printLocally()
{
    QPrinter printer(QPrinter::HighResolution);
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    models::printHtml(models::entryHtml(m_session->entry(), bodyJson(),
                                        [this](const QJsonObject &link) { return linkName(link); }),
                      &printer);
}

void EntryEditor::setContext(models::ResourceStore *store, models::FolderTreeModel *folders)
{
    m_session->setStore(store);
    if (folders)
        m_details->setFolderModel(folders);
}

void EntryEditor::showMeta()
{
    const QJsonObject entry = m_session->entry();
    QStringList authors;
    for (const QJsonValue &author : entry.value(u"authors"_s).toArray())
        authors.append(author.toObject().value(u"name"_s).toString());
    m_meta->setText(tr("%1 · by %2 · modified %3")
                        .arg(entry.value(u"displayId"_s).toString(), authors.join(u", "_s),
                             entry.value(u"modifiedAt"_s).toString()));
}

void EntryEditor::applyHeader()
{
    const QJsonObject entry = m_session->entry();
    QJsonObject changes;
    if (!m_name->text().trimmed().isEmpty() && m_name->text() != entry.value(u"name"_s).toString())
        changes.insert(u"name"_s, m_name->text());
    QJsonObject fields;
    const QJsonObject current = entry.value(u"fields"_s).toObject();
    for (const auto &[name, edit] : std::as_const(m_fieldEdits)) {
        const QJsonObject field = current.value(name).toObject();
        if (edit->text() == field.value(u"displayValue"_s).toString())
            continue;
        const QString type = field.value(u"type"_s).toString();
        QJsonValue value = edit->text();
        if (type == u"float"_s || type == u"integer"_s)
            value = edit->text().toDouble();
        else if (type == u"boolean"_s)
            value = edit->text().compare(u"true"_s, Qt::CaseInsensitive) == 0 ||
                    edit->text() == u"1"_s ||
                    edit->text().compare(u"yes"_s, Qt::CaseInsensitive) == 0;
        fields.insert(name, QJsonObject{{u"value"_s, value}});
    }
    if (!fields.isEmpty())
        changes.insert(u"fields"_s, fields);
    if (!changes.isEmpty())
        m_session->patchEntry(changes);
}

} // namespace benchtop::widgets::notebook
