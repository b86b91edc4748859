// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;
class QTreeWidget;

// "Simulator run…" of the A/B tab: the runs of the run history, newest (the current one) first and selected;
// runs split into A/B arms are marked. The list is read once, when the dialog opens.
namespace bidlab::ui {

class RunPickerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RunPickerDialog(const QString& storePath, QWidget* parent = nullptr);

    // The chosen run's id; 0 when there is none.
    qint64 selectedRun() const;
    QTreeWidget* runList() const { return m_list; }

private:
    QTreeWidget* m_list = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace bidlab::ui
