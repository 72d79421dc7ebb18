package io.camelot.listener;

/** Who may call a method: any requester, or only the TCS operator (Worker Directory writes). */
public enum Permission {
  REQUESTER,
  OPERATOR
}
