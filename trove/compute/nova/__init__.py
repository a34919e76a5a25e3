"""The nova compute driver: each instance is a Nova server in Trove's
service project, with its ports, security group and (optionally) a Cinder
volume; the guest agent comes in the image, its config in the user data."""
