"""A device's enrolment (``/v1/enrol``) and the rotation of its credential (``/v1/rotate``)."""

from __future__ import annotations

from pydantic import Field

from wire.limits import OFFICE_CODE_PATTERN, PLAIN_TEXT_PATTERN, PROTOCOL_VERSION
from wire.message import Message


class EnrolRequest(Message):
    token: str = Field(min_length=1, max_length=200, description="the one-time enrolment token an administrator issued")
    office_code: str = Field(pattern=OFFICE_CODE_PATTERN, description="the office this device works for")
    device_name: str = Field(min_length=1, max_length=64, pattern=PLAIN_TEXT_PATTERN,
                             description="a name people recognise, e.g. 窗口3")
    client_device_id: str = Field(default="", max_length=64, pattern=PLAIN_TEXT_PATTERN,
                                  description="the data folder's own device id")


class EnrolResponse(Message):
    device_id: str
    credential: str = Field(description="the device's secret: send as 'Authorization: Bearer ...'; shown once")
    office_code: str
    region: str = Field(description="the first four digits of the office code: the registry rows it receives")
    protocol: int = PROTOCOL_VERSION
    public_url: str = Field(default="", description="where applicants open their progress page (receipts' QR)")


class RotateAnswer(Message):
    """A new credential for the device (``POST /v1/rotate``, issue 14.5).  The old one stays valid until
    the new one is first used, so an answer lost on the way locks nobody out."""

    device_id: str
    credential: str = Field(description="the device's new secret; shown once")


__all__ = ["EnrolRequest", "EnrolResponse", "RotateAnswer"]
